package org.radflow.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * How a problem looks on the wire, for the OpenAPI document only: Spring's {@code ProblemDetail}
 * writes its extension members beside the standard ones, which its own schema cannot say.
 */
@Schema(
    name = "Problem",
    description =
        "RFC 9457 problem document (application/problem+json). Extension members appear beside"
            + " the standard ones where they apply.",
    additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
record ProblemDocument(
    @Schema(example = "https://radflow.org/problems/illegal-transition") String type,
    @Schema(example = "Transition not allowed") String title,
    @Schema(example = "422") int status,
    @Schema(example = "a study with a final report cannot be cancelled; amend the report instead")
        String detail,
    @Schema(example = "/api/v1/studies/3f2b6c1e-8a4d-4f5e-9b7a-2c1d0e9f8a7b/transitions")
        String instance,
    @Schema(description = "422: ILLEGAL_TRANSITION, OBLIGATION_UNMET or INVALID") String refusal,
    @Schema(description = "400: the request field at fault, e.g. patient.id") String field,
    @Schema(description = "400: the query parameter or header at fault") String parameter,
    @Schema(description = "400: the values an enum field or parameter accepts")
        List<String> allowedValues,
    @Schema(description = "404, 409: the study concerned") String studyId,
    @Schema(description = "409: the reused key") String idempotencyKey,
    @Schema(description = "412: the version sent") Long expectedVersion,
    @Schema(description = "412: the study's version now") Long actualVersion,
    @Schema(description = "413: the limit in bytes") Long limitBytes,
    @Schema(description = "413: the size sent, in bytes") Long actualBytes,
    @Schema(description = "503: also sent as Retry-After") Integer retryAfterSeconds,
    @Schema(description = "500: quote it to find the failure in the log") String incident) {}
