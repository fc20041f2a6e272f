package org.radflow.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.radflow.deadletter.DeadLetter;
import org.radflow.deadletter.DeadLetterPage;
import org.radflow.deadletter.NewDeadLetter;

/** A dead letter's metadata; its raw message is read, audited, at {@code …/raw}. */
@Schema(name = "DeadLetter")
public record DeadLetterView(
    long id,
    @Schema(example = "hl7-mllp") String channel,
    Instant receivedAt,
    @Schema(example = "10.0.0.7:51234") String peer,
    @Schema(example = "ORU^R01") String messageType,
    @Schema(description = "the sender's message control id (MSH-10)") String controlId,
    String sendingSystem,
    String accession,
    @Schema(example = "MISSING_FIELD") String errorCode,
    @Schema(description = "why it could not be processed, in words a person can act on")
        String reason,
    Raw raw,
    @Schema(example = "OPEN") String status,
    int attempts,
    Instant lastAttemptAt,
    String lastOutcome,
    @Schema(description = "while an attempt runs, when its claim lapses")
        Instant reprocessingUntil) {

  /** Where the raw bytes are kept. */
  public record Raw(
      @Schema(
              example =
                  "blob://sha256/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
          String uri,
      String contentHash,
      long size) {}

  static DeadLetterView of(DeadLetter letter) {
    NewDeadLetter r = letter.received();
    return new DeadLetterView(
        letter.id(),
        r.channel(),
        r.receivedAt(),
        r.peer(),
        r.messageType(),
        r.controlId(),
        r.sendingSystem(),
        r.accession(),
        r.errorCode().name(),
        r.reason(),
        new Raw(r.raw().uri().toString(), r.raw().contentHash(), r.raw().size()),
        letter.status().name(),
        letter.attempts(),
        letter.lastAttemptAt(),
        letter.lastOutcome(),
        letter.reprocessingUntil());
  }

  /** A page, newest first; pass {@code nextAfter} as {@code after} for the next one. */
  @Schema(name = "DeadLetterPage")
  public record PageView(
      List<DeadLetterView> items,
      @Schema(description = "the next page's cursor; null on the last page") Long nextAfter) {

    static PageView of(DeadLetterPage page) {
      return new PageView(
          page.items().stream().map(DeadLetterView::of).toList(), page.nextAfterId());
    }
  }

  /** A reprocessed letter and what the channel made of it. */
  @Schema(name = "Reprocessed")
  public record Reprocessed(
      @Schema(example = "ACCEPTED") String outcome, String summary, DeadLetterView deadLetter) {}
}
