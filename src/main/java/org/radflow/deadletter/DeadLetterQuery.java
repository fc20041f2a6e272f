package org.radflow.deadletter;

import java.time.Instant;

/**
 * Search criteria for dead letters; every present (non-null) criterion must match.
 *
 * <p>Pages run newest first: by id, descending, which is the order the letters were recorded in
 * (ids only grow), so a cursor is stable while new letters arrive. {@code afterId} is the cursor:
 * the id of the last letter of the previous page; the next page holds only letters with a smaller
 * id. Newest first because an operator looks first at what just broke.
 *
 * @param text a case-insensitive substring of the reason
 * @param receivedFrom inclusive
 * @param receivedTo exclusive
 * @param limit 1 to {@link #MAX_LIMIT}
 * @param afterId the previous page's last id; null for the first page
 */
public record DeadLetterQuery(
    DeadLetter.Status status,
    String channel,
    ErrorCode errorCode,
    String messageType,
    String controlId,
    String accession,
    String text,
    Instant receivedFrom,
    Instant receivedTo,
    int limit,
    Long afterId) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  public DeadLetterQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    if (receivedFrom != null && receivedTo != null && !receivedFrom.isBefore(receivedTo)) {
      throw new IllegalArgumentException(
          "from must be before to, was " + receivedFrom + " and " + receivedTo);
    }
  }
}
