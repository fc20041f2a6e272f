package org.radflow.api;

import org.radflow.blob.BlobException;
import org.radflow.deadletter.DeadLetter;

/** The problems the dead letters' outcomes become, so every dead-letter endpoint says the same. */
final class DeadLetterProblems {

  /** How long an operator should wait before reprocessing again after radflow could not. */
  static final int RETRY_REPROCESS_SECONDS = 30;

  private DeadLetterProblems() {}

  static ApiProblem notFound(long id) {
    return new ApiProblem(
            ProblemType.DEAD_LETTER_NOT_FOUND,
            "no dead letter with id " + id + "; search them with GET /api/v1/dead-letters")
        .with("deadLetterId", id);
  }

  /** 409: closed (reprocessed or discarded), or held by an attempt that is still running. */
  static ApiProblem refused(DeadLetter letter, String reason) {
    ProblemType type =
        letter.status() == DeadLetter.Status.OPEN
            ? ProblemType.DEAD_LETTER_BUSY
            : ProblemType.DEAD_LETTER_NOT_OPEN;
    return new ApiProblem(type, reason)
        .with("deadLetterId", letter.id())
        .with("deadLetterStatus", letter.status().name());
  }

  static ApiProblem rejected(DeadLetter letter, String reason) {
    return new ApiProblem(
            ProblemType.REPROCESS_REJECTED,
            letter.target()
                + " still cannot be processed: "
                + reason
                + "; it stays open: fix the cause and reprocess it again, or discard it")
        .with("deadLetterId", letter.id())
        .with("attempts", letter.attempts());
  }

  static ApiProblem unavailable(DeadLetter letter, String reason) {
    return ApiProblem.retryLater(
            ProblemType.REPROCESS_UNAVAILABLE,
            "radflow could not process "
                + letter.target()
                + " now: "
                + reason
                + "; it stays open, reprocess it again later",
            RETRY_REPROCESS_SECONDS)
        .with("deadLetterId", letter.id())
        .with("attempts", letter.attempts());
  }

  static ApiProblem noReprocessor(DeadLetter letter) {
    return new ApiProblem(
            ProblemType.NO_REPROCESSOR,
            "no reprocessor for channel "
                + letter.channel()
                + " runs on this node, so "
                + letter.target()
                + " cannot be reprocessed here; send the request to a node that runs the channel,"
                + " or discard the letter")
        .with("deadLetterId", letter.id())
        .with("channel", letter.channel());
  }

  static ApiProblem unreadable(long id, BlobException e) {
    ApiProblem problem =
        e instanceof BlobException.Unavailable
            ? ApiProblem.retryLater(
                ProblemType.BLOB_STORE_UNAVAILABLE,
                "the raw message of dead letter " + id + " cannot be read now: " + e.getMessage(),
                RETRY_REPROCESS_SECONDS)
            : new ApiProblem(
                ProblemType.RAW_MESSAGE_UNREADABLE,
                "the raw message of dead letter " + id + " cannot be read: " + e.getMessage());
    return problem.with("deadLetterId", id);
  }
}
