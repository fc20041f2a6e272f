package org.radflow.lifecycle;

import java.time.Instant;
import org.radflow.study.EndToEndStatus;
import org.radflow.study.PatientRef;
import org.radflow.study.TrackState;
import org.radflow.workflow.Service;

/**
 * Search criteria; every present (non-null) criterion must match. Pages are ordered by study
 * creation, newest first, and continue after {@code offset}.
 *
 * @param placerOrder the placer order number (ORC-2) the study holds
 * @param fillerOrder the filler order number (ORC-3) the study holds
 * @param service studies with unfinished work at this service: a step there that is open ({@link
 *     org.radflow.workflow.StepStatus#isOpen()}) or failed and waiting for an operator
 * @param createdBefore studies created before this instant
 */
public record StudyQuery(
    String accessionNumber,
    PatientRef patient,
    EndToEndStatus.Kind status,
    TrackState trackState,
    OrderMatch placerOrder,
    OrderMatch fillerOrder,
    Service service,
    Instant createdBefore,
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

  /** The criteria searches had before order numbers, services and age could be asked for. */
  public StudyQuery(
      String accessionNumber,
      PatientRef patient,
      EndToEndStatus.Kind status,
      TrackState trackState,
      int offset,
      int limit) {
    this(accessionNumber, patient, status, trackState, null, null, null, null, offset, limit);
  }

  /**
   * An order number as an operator types it: the number alone matches it from any authority; with
   * {@code assigningAuthority} only from that one.
   */
  public record OrderMatch(String number, String assigningAuthority) {
    public OrderMatch {
      if (number == null || number.isBlank()) {
        throw new IllegalArgumentException("order number must not be blank");
      }
      if (assigningAuthority != null && assigningAuthority.isBlank()) {
        assigningAuthority = null;
      }
    }

    /** The number from any authority. */
    public static OrderMatch number(String number) {
      return new OrderMatch(number, null);
    }
  }
}
