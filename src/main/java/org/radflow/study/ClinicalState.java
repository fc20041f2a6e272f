package org.radflow.study;

/** Clinical and scheduling track. */
public enum ClinicalState implements TrackState {
  ORDER_RECEIVED,
  IDENTITY_VALIDATED,
  PROCEDURE_SCHEDULED,
  IDENTITY_EXCEPTION,
  CANCELLED;

  @Override
  public Track track() {
    return Track.CLINICAL;
  }

  @Override
  public boolean isException() {
    return this == IDENTITY_EXCEPTION;
  }
}
