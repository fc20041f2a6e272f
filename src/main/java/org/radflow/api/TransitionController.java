package org.radflow.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import org.radflow.lifecycle.ApplyResult;
import org.radflow.lifecycle.StudyLifecycle;
import org.radflow.lifecycle.TransitionDraft;
import org.radflow.study.Decision;
import org.radflow.study.StudyId;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Moving a study: one transition per request, decided by the model, committed with its event. */
@RestController
@Tag(name = "transitions", description = "Move a study along its tracks")
class TransitionController {

  private final StudyLifecycle lifecycle;

  TransitionController(StudyLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Allowed.Integration
  @PostMapping("/api/v1/studies/{id}/transitions")
  @Operation(
      summary = "Apply a transition to a study",
      description =
          "The idempotency key names the business transition: the same key with the same content"
              + " is a duplicate (200, nothing new), with different content a conflict (409,"
              + " recorded). An event that arrives before its prerequisite is held durably (202)"
              + " and applied when the prerequisite arrives, or sent to the exception lane at its"
              + " deadline. expectedVersion or If-Match make it conditional on the version read.")
  @ApiResponse(
      responseCode = "200",
      description =
          "Applied; already known (the study already showed it: recorded as an observation,"
              + " nothing moved); or a duplicate of an earlier request")
  @ApiResponse(responseCode = "202", description = "Held until its prerequisite arrives")
  @ApiResponse(
      responseCode = "400",
      description = "Malformed JSON, unknown type, missing or invalid field, bad id or If-Match")
  @ApiResponse(responseCode = "404", description = "No such study")
  @ApiResponse(
      responseCode = "409",
      description =
          "The idempotency key was used with different content; or an observation contradicts"
              + " the study (observation-conflict, both values named)")
  @ApiResponse(responseCode = "412", description = "The study is not at the expected version")
  @ApiResponse(
      responseCode = "413",
      description = "Inline data and references above the limit: pass a reference")
  @ApiResponse(
      responseCode = "422",
      description =
          "Refused by the model: ILLEGAL_TRANSITION, OBLIGATION_UNMET or INVALID, with the reason")
  @ApiResponse(
      responseCode = "503",
      description = "Database unavailable or busy; retry with the same idempotency key")
  ResponseEntity<TransitionResponse> apply(
      @PathVariable String id,
      @Parameter(description = "the study version (ETag) the transition expects, e.g. \"7\"")
          @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
          String ifMatch,
      @Parameter(
              description =
                  "the sender's id for this message; a redelivery with the same id (from the same"
                      + " source.system) is answered with the first delivery's outcome")
          @RequestHeader(value = "X-Message-Id", required = false)
          String messageId,
      @RequestBody TransitionRequest body,
      Principal caller) {
    StudyId studyId = Problems.studyId(id);
    Long expected = Versions.expected(body.expectedVersion(), ifMatch);
    TransitionDraft draft = body.toDraft(lifecycle.now(), caller.getName());
    ApplyResult result =
        lifecycle.apply(
            studyId, draft, expected, Problems.inboundMessage(draft.source().system(), messageId));

    return result.fold(
        committed -> {
          boolean held = committed.outcome() == Decision.Outcome.HELD;
          return ResponseEntity.status(held ? HttpStatus.ACCEPTED : HttpStatus.OK)
              .eTag(Versions.etag(committed.study().version()))
              .body(TransitionResponse.committed(committed, draft.idempotencyKey()));
        },
        duplicate ->
            ResponseEntity.ok()
                .eTag(Versions.etag(duplicate.study().version()))
                .body(TransitionResponse.duplicate(duplicate, draft.idempotencyKey())),
        conflict -> {
          throw Problems.conflict(
              studyId,
              conflict.idempotencyKey(),
              "idempotency key '"
                  + conflict.idempotencyKey()
                  + "' was already used on study "
                  + studyId
                  + " for a transition with different content");
        },
        refused -> {
          throw Problems.refused(refused.refusal(), refused.message())
              .with("transition", draft.type().name())
              .with("studyVersion", refused.study().version());
        },
        mismatch -> {
          throw Problems.versionMismatch(mismatch.expected(), mismatch.actual());
        },
        tooLarge -> {
          throw Problems.tooLarge(tooLarge.limitBytes(), tooLarge.actualBytes());
        },
        notFound -> {
          throw Problems.studyNotFound(studyId);
        });
  }
}
