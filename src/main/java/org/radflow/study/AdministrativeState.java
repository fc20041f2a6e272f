package org.radflow.study;

/** Administrative and reconciliation track. */
public enum AdministrativeState implements TrackState {
  NOT_STARTED,
  CHARGE_SEEDED,
  CLAIM_SUBMITTED,
  CLAIM_ACCEPTED,
  CLAIM_EXCEPTION,
  FINANCIALLY_RECONCILED,
  WRITTEN_OFF;

  @Override
  public Track track() {
    return Track.ADMINISTRATIVE;
  }

  @Override
  public boolean isException() {
    return this == CLAIM_EXCEPTION;
  }

  boolean isSettled() {
    return this == FINANCIALLY_RECONCILED || this == WRITTEN_OFF;
  }
}
