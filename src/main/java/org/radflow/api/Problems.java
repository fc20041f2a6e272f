package org.radflow.api;

import org.radflow.lifecycle.InboundMessage;
import org.radflow.study.Decision;
import org.radflow.study.StudyId;
import org.springframework.http.HttpHeaders;

/** The problems the store's result values become. One place, so every endpoint says the same. */
final class Problems {

  private Problems() {}

  static StudyId studyId(String text) {
    try {
      return StudyId.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ApiProblem(
              ProblemType.INVALID_STUDY_ID,
              e.getMessage() + "; study ids look like 3f2b6c1e-8a4d-4f5e-9b7a-2c1d0e9f8a7b")
          .with("studyId", text);
    }
  }

  static ApiProblem studyNotFound(StudyId id) {
    return new ApiProblem(
            ProblemType.STUDY_NOT_FOUND,
            "no study with id "
                + id
                + "; find a study by accession number with GET /api/v1/studies?accession=…")
        .with("studyId", id.toString());
  }

  static ApiProblem refused(Decision.Refusal refusal, String message) {
    ProblemType type =
        switch (refusal) {
          case ILLEGAL_TRANSITION -> ProblemType.ILLEGAL_TRANSITION;
          case OBLIGATION_UNMET -> ProblemType.OBLIGATION_UNMET;
          case INVALID -> ProblemType.INVALID_COMMAND;
          case CONTRADICTS -> ProblemType.OBSERVATION_CONFLICT;
        };
    return new ApiProblem(type, message).with("refusal", refusal.name());
  }

  static ApiProblem tooLarge(int limitBytes, int actualBytes) {
    return new ApiProblem(
            ProblemType.PAYLOAD_TOO_LARGE,
            "inline data is "
                + actualBytes
                + " bytes, above the limit of "
                + limitBytes
                + " bytes; put the content in the blob store and pass a reference"
                + " {kind, uri, contentHash} instead")
        .with("limitBytes", limitBytes)
        .with("actualBytes", actualBytes);
  }

  static ApiProblem conflict(StudyId id, String idempotencyKey, String what) {
    return new ApiProblem(
            ProblemType.IDEMPOTENCY_CONFLICT,
            what
                + "; nothing was applied and the conflict was recorded for a person to sort out"
                + " (GET /api/v1/studies/"
                + id
                + "/conflicts). Use a new idempotency key for a different transition")
        .with("studyId", id.toString())
        .with("idempotencyKey", idempotencyKey);
  }

  static ApiProblem versionMismatch(long expected, long actual) {
    return new ApiProblem(
            ProblemType.VERSION_MISMATCH,
            "the study is at version "
                + actual
                + ", not "
                + expected
                + " as expected; read it again and decide whether the transition still applies")
        .with("expectedVersion", expected)
        .with("actualVersion", actual)
        .header(HttpHeaders.ETAG, Versions.etag(actual));
  }

  /**
   * The transport message named by an {@code X-Message-Id} header, or {@code null} without one; a
   * 400 naming the header when it cannot be one.
   */
  static InboundMessage inboundMessage(String sourceSystem, String messageId) {
    if (messageId == null) {
      return null;
    }
    Fields.parameter(messageId, "X-Message-Id", Fields.MESSAGE_REF);
    try {
      return new InboundMessage(sourceSystem, messageId);
    } catch (IllegalArgumentException e) {
      throw new ApiProblem(ProblemType.INVALID_PARAMETER, "X-Message-Id: " + e.getMessage())
          .with("parameter", "X-Message-Id");
    }
  }
}
