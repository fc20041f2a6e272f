package org.radflow.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import org.radflow.blob.BlobException;
import org.radflow.deadletter.DeadLetter;
import org.radflow.deadletter.DeadLetterChange;
import org.radflow.deadletter.DeadLetterQuery;
import org.radflow.deadletter.DeadLetterReprocessor.Outcome;
import org.radflow.deadletter.DeadLetterStore;
import org.radflow.deadletter.DeadLetters;
import org.radflow.deadletter.ErrorCode;
import org.radflow.deadletter.Reprocessing;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Inbound messages radflow could not process: find them, read them (audited), retry or drop. */
@RestController
@Tag(
    name = "dead-letters",
    description =
        "Inbound messages radflow could not process: search, raw message, reprocess, discard")
class DeadLetterController {

  private final DeadLetterStore store;
  private final DeadLetters deadLetters;

  DeadLetterController(DeadLetterStore store, DeadLetters deadLetters) {
    this.store = store;
    this.deadLetters = deadLetters;
  }

  @Allowed.Viewer
  @GetMapping("/api/v1/dead-letters")
  @Operation(
      summary = "Dead letters, newest first",
      description =
          "Every given criterion must match. Pages continue with after=<nextAfter of the previous"
              + " page>; a letter recorded meanwhile does not shift them.")
  DeadLetterView.PageView search(
      @RequestParam(required = false) DeadLetter.Status status,
      @RequestParam(required = false) String channel,
      @RequestParam(required = false) ErrorCode errorCode,
      @RequestParam(required = false) String messageType,
      @RequestParam(required = false) String controlId,
      @RequestParam(required = false) String accession,
      @Parameter(description = "part of the reason, any case") @RequestParam(required = false)
          String q,
      @Parameter(description = "received at or after (ISO-8601)") @RequestParam(required = false)
          String from,
      @Parameter(description = "received before (ISO-8601)") @RequestParam(required = false)
          String to,
      @RequestParam(defaultValue = "" + DeadLetterQuery.DEFAULT_LIMIT) int limit,
      @RequestParam(required = false) Long after) {
    Fields.parameter(channel, "channel", Fields.MESSAGE_REF);
    Fields.parameter(messageType, "messageType", Fields.MESSAGE_REF);
    Fields.parameter(controlId, "controlId", Fields.MESSAGE_REF);
    Fields.parameter(accession, "accession", Fields.MESSAGE_REF);
    Fields.parameter(q, "q", Fields.MESSAGE_REF);
    DeadLetterQuery query;
    try {
      query =
          new DeadLetterQuery(
              status,
              blankToNull(channel),
              errorCode,
              blankToNull(messageType),
              blankToNull(controlId),
              blankToNull(accession),
              blankToNull(q),
              Fields.instantParameter("from", from),
              Fields.instantParameter("to", to),
              limit,
              after);
    } catch (IllegalArgumentException e) {
      throw new ApiProblem(ProblemType.INVALID_PARAMETER, e.getMessage())
          .with("parameter", e.getMessage().startsWith("limit") ? "limit" : "from");
    }
    return DeadLetterView.PageView.of(store.searchDeadLetters(query));
  }

  @Allowed.Viewer
  @GetMapping("/api/v1/dead-letters/{id}")
  @Operation(summary = "One dead letter's metadata")
  DeadLetterView one(@PathVariable long id) {
    return store
        .deadLetter(id)
        .map(DeadLetterView::of)
        .orElseThrow(() -> DeadLetterProblems.notFound(id));
  }

  @Allowed.Auditor
  @GetMapping("/api/v1/dead-letters/{id}/raw")
  @Operation(
      summary = "The raw message, byte for byte (audited)",
      description =
          "Raw messages carry patient data: every read is audited with who read it (the"
              + " authenticated caller) and why (?reason=, if you like). Answered as text/plain"
              + " without a charset: the bytes are the sender's, in the sender's encoding.")
  ResponseEntity<byte[]> raw(
      @PathVariable long id, @RequestParam(required = false) String reason, Principal caller) {
    Fields.textParameter(reason, "reason", Fields.REASON);
    String who = caller.getName();
    String why = blankToNull(reason) == null ? "read the raw message" : reason;
    DeadLetters.Raw raw;
    try {
      raw = deadLetters.raw(id, who, why).orElseThrow(() -> DeadLetterProblems.notFound(id));
    } catch (BlobException e) {
      throw DeadLetterProblems.unreadable(id, e);
    }
    return ResponseEntity.ok()
        .contentType(MediaType.TEXT_PLAIN)
        .cacheControl(CacheControl.noStore())
        .header("X-Content-Type-Options", "nosniff")
        .body(raw.bytes());
  }

  @Allowed.Operator
  @PostMapping("/api/v1/dead-letters/{id}/reprocess")
  @Operation(
      summary = "Process the raw message again through its channel (audited)",
      description =
          "200 when it went through (the letter is REPROCESSED); 422 when it still cannot be"
              + " processed and 503 when radflow cannot commit now (both leave it OPEN with the"
              + " attempt recorded); 409 when it is not OPEN or another attempt holds it; 501 when"
              + " no reprocessor for its channel runs on this node.")
  DeadLetterView.Reprocessed reprocess(
      @PathVariable long id, @RequestBody OperatorRequest body, Principal caller) {
    OperatorRequest request = body.checked();
    Reprocessing result = deadLetters.reprocess(id, caller.getName(), request.reason());
    if (result instanceof Reprocessing.Done done) {
      DeadLetter letter = done.letter();
      if (done.outcome() instanceof Outcome.Accepted accepted) {
        return new DeadLetterView.Reprocessed(
            "ACCEPTED", accepted.summary(), DeadLetterView.of(letter));
      }
      if (done.outcome() instanceof Outcome.Rejected rejected) {
        throw DeadLetterProblems.rejected(letter, rejected.reason());
      }
      throw DeadLetterProblems.unavailable(letter, ((Outcome.Unavailable) done.outcome()).reason());
    }
    if (result instanceof Reprocessing.Refused refused) {
      throw DeadLetterProblems.refused(refused.letter(), refused.reason());
    }
    if (result instanceof Reprocessing.NoReprocessor none) {
      throw DeadLetterProblems.noReprocessor(none.letter());
    }
    throw DeadLetterProblems.notFound(id);
  }

  @Allowed.Operator
  @PostMapping("/api/v1/dead-letters/{id}/discard")
  @Operation(
      summary = "Close an open letter without processing it (audited)",
      description = "It is kept, DISCARDED, with who and why. 409 when it is not OPEN.")
  DeadLetterView discard(
      @PathVariable long id, @RequestBody OperatorRequest body, Principal caller) {
    OperatorRequest request = body.checked();
    DeadLetterChange result = deadLetters.discard(id, caller.getName(), request.reason());
    if (result instanceof DeadLetterChange.Changed changed) {
      return DeadLetterView.of(changed.letter());
    }
    if (result instanceof DeadLetterChange.Refused refused) {
      throw DeadLetterProblems.refused(refused.letter(), refused.reason());
    }
    throw DeadLetterProblems.notFound(id);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
