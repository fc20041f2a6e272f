package org.radflow.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.radflow.study.Decision;

/** What a posted transition did. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransitionResponse(
    @Schema(description = "APPLIED or HELD; for a duplicate, what the first submission did")
        Decision.Outcome outcome,
    @Schema(description = "true when the key was used before with the same content")
        boolean duplicate,
    @Schema(description = "duplicate only: what the first submission did")
        Decision.Outcome originalOutcome,
    @Schema(description = "duplicate only: the history entry the first submission wrote")
        Long originalSeq,
    @Schema(description = "HELD only: what the event waits for and until when")
        StudyView.HeldView held,
    @Schema(description = "HELD only: the same, in words") String detail,
    StudyView study,
    @Schema(
            description =
                "history entries this request appended, in order: the transition and any held"
                    + " ones it released; empty for a duplicate")
        List<HistoryView.Entry> appended) {}
