package org.radflow.lifecycle;

import org.radflow.study.EndToEndStatus;
import org.radflow.study.PatientRef;
import org.radflow.study.TrackState;

/**
 * Search criteria; every present criterion must match. Pages are ordered by study creation, newest
 * first, and continue after {@code offset}.
 */
public record StudyQuery(
    String accessionNumber,
    PatientRef patient,
    EndToEndStatus.Kind status,
    TrackState trackState,
    int offset,
    int limit) {

  public static final int MAX_LIMIT = 200;

  public StudyQuery {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative, was " + offset);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
  }
}
