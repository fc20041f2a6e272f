package org.radflow.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.radflow.lifecycle.ApplyResult;
import org.radflow.study.Decision;
import org.radflow.study.Study;

/** What a posted transition did. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransitionResponse(
    @Schema(
            description =
                "APPLIED, HELD or ALREADY_KNOWN; for a duplicate, what the first submission did")
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
        List<HistoryView.Entry> appended) {

  /** A transition this request committed: applied, or held with what it waits for. */
  static TransitionResponse committed(ApplyResult.Committed committed, String idempotencyKey) {
    Study study = committed.study();
    StudyView.HeldView held =
        committed.outcome() == Decision.Outcome.HELD ? heldFor(study, idempotencyKey) : null;
    return new TransitionResponse(
        committed.outcome(),
        false,
        null,
        null,
        held,
        describe(held),
        StudyView.of(study),
        committed.appended().stream().map(HistoryView.Entry::of).toList());
  }

  /** A re-send: what the first submission did, the study as it is now, nothing appended. */
  static TransitionResponse duplicate(ApplyResult.Duplicate duplicate, String idempotencyKey) {
    Study study = duplicate.study();
    StudyView.HeldView held = heldFor(study, idempotencyKey);
    return new TransitionResponse(
        duplicate.originalOutcome(),
        true,
        duplicate.originalOutcome(),
        duplicate.originalSeq(),
        held,
        describe(held),
        StudyView.of(study),
        List.of());
  }

  /** The held event with this key, if it is still held (a duplicate may find it released). */
  private static StudyView.HeldView heldFor(Study study, String idempotencyKey) {
    return study.held().stream()
        .filter(h -> h.transition().idempotencyKey().equals(idempotencyKey))
        .map(StudyView.HeldView::of)
        .findFirst()
        .orElse(null);
  }

  /** The hold in words, or {@code null} when nothing is held. */
  private static String describe(StudyView.HeldView held) {
    if (held == null) {
      return null;
    }
    return held.type()
        + " arrived before its prerequisite and is held until the "
        + held.awaiting().track().name().toLowerCase()
        + " track reaches "
        + held.awaiting().state()
        + "; if that has not happened by "
        + held.deadline()
        + " the study goes to the exception lane";
  }
}
