package org.radflow.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import org.radflow.ingest.Arrival;
import org.radflow.ingest.ImagingEvent;
import org.radflow.ingest.ImagingIngest;
import org.radflow.lifecycle.ApplyResult;
import org.radflow.lifecycle.StudyLifecycle;
import org.radflow.lifecycle.StudyReads;
import org.radflow.logging.LogFields;
import org.radflow.study.Decision;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Imaging events from modalities, the archive and import gateways. */
@RestController
@Tag(name = "imaging", description = "Acquisition, storage commitment and import events")
class ImagingEventController {

  private final ImagingIngest ingest;

  ImagingEventController(StudyLifecycle lifecycle, StudyReads studies) {
    this.ingest = new ImagingIngest(lifecycle, studies);
  }

  /** What the event did. */
  public record ImagingEventResponse(
      String studyId, String outcome, String entryKind, String joinedAt, long version) {}

  @Allowed.Integration
  @PostMapping("/api/v1/imaging-events")
  @Operation(
      summary = "Report an imaging event",
      description =
          "ACQUISITION_STARTED, ACQUISITION_COMPLETED, STORAGE_COMMITTED or IMPORT_COMPLETED, with"
              + " the study instance UID and references (manifest URI and content hash, import"
              + " job). A study radflow has not seen joins late (201 JOINED): as an ENCOUNTER, as"
              + " DOWNTIME_RECOVERY with downtime=true (its original times kept), or as an"
              + " OUTSIDE_IMPORT for an import. Otherwise the transition is applied (200), held"
              + " (202), already known (200 ALREADY_KNOWN: the study already passed that state,"
              + " so it is recorded as an observation), a conflict (409 observation-conflict: another"
              + " study instance UID), or answered as a duplicate. X-Message-Id deduplicates redeliveries.")
  ResponseEntity<ImagingEventResponse> receive(
      @RequestHeader(value = "X-Message-Id", required = false) String messageId,
      @RequestBody ImagingEventRequest body,
      Principal caller) {
    ImagingEvent event = body.toEvent(caller.getName());
    Arrival outcome;
    try (LogFields.Scope fields = LogFields.open().accession(body.accessionNumber())) {
      outcome =
          messageId == null
              ? ingest.receive(event)
              : ingest.receive(event, Problems.inboundMessage(event.sourceSystem(), messageId));
    }
    return outcome.fold(
        joined ->
            ResponseEntity.status(joined.again() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(
                    new ImagingEventResponse(
                        joined.study().id().toString(),
                        joined.again() ? "DUPLICATE" : "JOINED",
                        joined.entryKind().name(),
                        joined.reached().name(),
                        joined.study().version())),
        applied -> applied(applied.result()),
        refused -> {
          throw new ApiProblem(ProblemType.INVALID_COMMAND, refused.reason());
        });
  }

  private static ResponseEntity<ImagingEventResponse> applied(ApplyResult result) {
    return result.fold(
        committed ->
            ResponseEntity.status(
                    committed.outcome() == Decision.Outcome.HELD
                        ? HttpStatus.ACCEPTED
                        : HttpStatus.OK)
                .body(
                    new ImagingEventResponse(
                        committed.study().id().toString(),
                        committed.outcome().name(),
                        null,
                        null,
                        committed.study().version())),
        duplicate ->
            ResponseEntity.ok(
                new ImagingEventResponse(
                    duplicate.study().id().toString(),
                    "DUPLICATE",
                    null,
                    null,
                    duplicate.study().version())),
        conflict -> {
          throw new ApiProblem(
                  ProblemType.IDEMPOTENCY_CONFLICT,
                  "this study already recorded "
                      + conflict.idempotencyKey()
                      + " with different content; the conflict was recorded for a person")
              .with("idempotencyKey", conflict.idempotencyKey());
        },
        refused -> {
          throw Problems.refused(refused.refusal(), refused.message());
        },
        mismatch -> unexpected(mismatch),
        tooLarge -> {
          throw Problems.tooLarge(tooLarge.limitBytes(), tooLarge.actualBytes());
        },
        notFound -> unexpected(notFound));
  }

  /** No expected version is sent and a study found is not deleted: neither can happen. */
  private static ResponseEntity<ImagingEventResponse> unexpected(ApplyResult result) {
    throw new ApiProblem(ProblemType.INTERNAL_ERROR, "unexpected result " + result);
  }
}
