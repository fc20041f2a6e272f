package org.radflow.api;

import org.radflow.deadletter.DeadLetter;
import org.radflow.deadletter.DeadLetterQuery;
import org.radflow.deadletter.ErrorCode;

/**
 * A dead-letter search as people and programs ask for it, parameter by parameter, checked and made
 * a {@link DeadLetterQuery}: one reading for the API and the console, so a search means the same in
 * both and a bad criterion is refused with the same words.
 *
 * @param text part of the reason, any case (the API's {@code q})
 * @param from received at or after, ISO-8601
 * @param to received before, ISO-8601
 */
public record DeadLetterSearch(
    DeadLetter.Status status,
    String channel,
    ErrorCode errorCode,
    String messageType,
    String controlId,
    String accession,
    String text,
    String from,
    String to,
    int limit,
    Long after) {

  /** The query, or a 400 problem naming the parameter that is wrong. */
  public DeadLetterQuery query() {
    Fields.parameter(channel, "channel", Fields.MESSAGE_REF);
    Fields.parameter(messageType, "messageType", Fields.MESSAGE_REF);
    Fields.parameter(controlId, "controlId", Fields.MESSAGE_REF);
    Fields.parameter(accession, "accession", Fields.MESSAGE_REF);
    Fields.parameter(text, "q", Fields.MESSAGE_REF);
    try {
      return new DeadLetterQuery(
          status,
          blankToNull(channel),
          errorCode,
          blankToNull(messageType),
          blankToNull(controlId),
          blankToNull(accession),
          blankToNull(text),
          Fields.instantParameter("from", from),
          Fields.instantParameter("to", to),
          limit,
          after);
    } catch (IllegalArgumentException e) {
      throw new ApiProblem(ProblemType.INVALID_PARAMETER, e.getMessage())
          .with("parameter", e.getMessage().startsWith("limit") ? "limit" : "from");
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
