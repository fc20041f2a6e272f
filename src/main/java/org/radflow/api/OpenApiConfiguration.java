package org.radflow.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocAnnotationsUtils;
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
                        + " safe. Every endpoint but /actuator/health needs an API token"
                        + " (Authorization: Bearer rfk_…) or a console user's password (HTTP"
                        + " Basic); see docs/security.md for the roles."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "token", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                .addSecuritySchemes(
                    "password",
                    new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
        .addSecurityItem(new SecurityRequirement().addList("token"))
        .addSecurityItem(new SecurityRequirement().addList("password"));
  }

  /**
   * Every 4xx and 5xx response in the document is a {@link ProblemDocument}, because every error
   * the API answers is one ({@link ApiExceptionHandler}, {@link ProblemErrorController}). Said once
   * here, so a controller's {@code @ApiResponse} for an error gives only its code and when it
   * happens.
   */
  @Bean
  OpenApiCustomizer errorsAreProblemDocuments() {
    return openApi -> {
      Schema<?> problem =
          SpringDocAnnotationsUtils.extractSchema(
              openApi.getComponents(), ProblemDocument.class, null, null, openApi.getSpecVersion());
      for (PathItem path : openApi.getPaths().values()) {
        for (Operation operation : path.readOperations()) {
          operation
              .getResponses()
              .forEach(
                  (code, response) -> {
                    if (isError(code)) {
                      response.setContent(problemContent(problem));
                    }
                  });
        }
      }
    };
  }

  private static boolean isError(String responseCode) {
    return responseCode.startsWith("4") || responseCode.startsWith("5");
  }

  private static Content problemContent(Schema<?> problem) {
    return new Content()
        .addMediaType(
            org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
            new MediaType().schema(problem));
  }
}
