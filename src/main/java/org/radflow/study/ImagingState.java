package org.radflow.study;

/** Imaging and reporting track. */
public enum ImagingState implements TrackState {
  NOT_STARTED,
  ACQUISITION_IN_PROGRESS,
  ACQUISITION_COMPLETE,
  IMAGES_COMMITTED,
  REPORT_PRELIMINARY,
  REPORT_FINALISED,
  REPORT_AMENDED,
  IMAGES_MISSING,
  CANCELLED;

  @Override
  public Track track() {
    return Track.IMAGING;
  }

  @Override
  public boolean isException() {
    return this == IMAGES_MISSING;
  }

  boolean isReported() {
    return this == REPORT_FINALISED || this == REPORT_AMENDED;
  }
}
