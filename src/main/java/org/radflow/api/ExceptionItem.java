package org.radflow.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.radflow.study.OpenException;

/** One item of the exception lane: what needs a person, since when, and what they can do. */
@Schema(name = "ExceptionItem")
public record ExceptionItem(
    String studyId,
    String accessionNumber,
    @Schema(description = "the exception's id within its study") long exception,
    OpenException.Kind kind,
    String reason,
    Instant openedAt,
    @Schema(description = "seconds since it opened") long ageSeconds,
    @Schema(description = "the step it concerns, if any") String step,
    @Schema(description = "the step's service, if any") String service,
    @Schema(
            description =
                "the actions that apply: REDRIVE (POST /api/v1/steps/{step}/redrive), COMPENSATE"
                    + " (POST /api/v1/studies/{id}/compensate), RESOLVE (POST"
                    + " /api/v1/studies/{id}/exceptions/{exception}/resolve)")
        List<String> actions) {}
