package org.radflow.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import org.radflow.deadletter.DeadLetter;
import org.radflow.deadletter.DeadLetterQuery;
import org.radflow.deadletter.DeadLetterStore;
import org.radflow.deadletter.DeadLetters;
import org.radflow.deadletter.ErrorCode;
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
  private final OperatorActions actions;

  DeadLetterController(DeadLetterStore store, OperatorActions actions) {
    this.store = store;
    this.actions = actions;
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
    DeadLetterQuery query =
        new DeadLetterSearch(
                status,
                channel,
                errorCode,
                messageType,
                controlId,
                accession,
                q,
                from,
                to,
                limit,
                after)
            .query();
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
    DeadLetters.Raw raw = actions.raw(id, caller.getName(), reason);
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
    return actions.reprocess(id, caller.getName(), body);
  }

  @Allowed.Operator
  @PostMapping("/api/v1/dead-letters/{id}/discard")
  @Operation(
      summary = "Close an open letter without processing it (audited)",
      description = "It is kept, DISCARDED, with who and why. 409 when it is not OPEN.")
  DeadLetterView discard(
      @PathVariable long id, @RequestBody OperatorRequest body, Principal caller) {
    return actions.discard(id, caller.getName(), body);
  }
}
