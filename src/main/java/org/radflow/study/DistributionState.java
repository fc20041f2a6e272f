package org.radflow.study;

/** Distribution of the finalised report to the national record. */
public enum DistributionState implements TrackState {
  /** No final report yet, so nothing to distribute. */
  NOT_REQUESTED,
  PENDING,
  SUSPENDED,
  PUBLISHED,
  /** The amended report replaced the earlier published document. */
  SUPERSEDED,
  REMOVED,
  /** Not to be sent: the patient or the referrer withdrew consent to upload. */
  WITHHELD;

  @Override
  public Track track() {
    return Track.DISTRIBUTION;
  }

  @Override
  public boolean isException() {
    return false;
  }

  boolean isDistributed() {
    return this == PUBLISHED || this == SUPERSEDED || this == REMOVED || this == WITHHELD;
  }
}
