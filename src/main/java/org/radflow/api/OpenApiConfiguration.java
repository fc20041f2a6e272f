package org.radflow.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The header of the OpenAPI document springdoc serves at {@code /api/v1/openapi}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  @Bean
  OpenAPI radflowOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("radflow API")
                .version("v1")
                .license(new License().name("proprietary"))
                .description(
                    "Commands and queries for radiology study workflows. Every error is an RFC"
                        + " 9457 problem document (application/problem+json) whose type is"
                        + " https://radflow.org/problems/<slug>; see docs/api.md for the list."
                        + " Idempotency keys name business transitions: re-sending is always"
                        + " safe."));
  }
}
