package org.radflow.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
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
                        + " safe."));
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
