package org.radflow.study;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How a study joined the control plane, and at which imaging states it may join. Only a scheduled
 * study starts at the beginning; the others join late and their earlier facts are attested.
 */
public enum EntryKind {
  SCHEDULED(EnumSet.of(ImagingState.NOT_STARTED)),
  /** Encounter-based imaging: the modality started before any order reached radflow. */
  ENCOUNTER(
      EnumSet.of(
          ImagingState.ACQUISITION_IN_PROGRESS,
          ImagingState.ACQUISITION_COMPLETE,
          ImagingState.IMAGES_COMMITTED)),
  /** Backfill after downtime: anything up to a final report may already have happened. */
  DOWNTIME_RECOVERY(
      EnumSet.of(
          ImagingState.NOT_STARTED,
          ImagingState.ACQUISITION_IN_PROGRESS,
          ImagingState.ACQUISITION_COMPLETE,
          ImagingState.IMAGES_COMMITTED,
          ImagingState.REPORT_PRELIMINARY,
          ImagingState.REPORT_FINALISED)),
  /** A study performed elsewhere and imported, with or without its report. */
  OUTSIDE_IMPORT(
      EnumSet.of(
          ImagingState.ACQUISITION_COMPLETE,
          ImagingState.IMAGES_COMMITTED,
          ImagingState.REPORT_FINALISED));

  private final Set<ImagingState> joinableAt;

  EntryKind(Set<ImagingState> joinableAt) {
    this.joinableAt = joinableAt;
  }

  /** The imaging states this kind may join at, in track order. */
  public List<ImagingState> joinableAt() {
    return joinableAt.stream().sorted().toList();
  }

  public boolean canJoinAt(ImagingState state) {
    return joinableAt.contains(state);
  }

  public boolean isLateJoin() {
    return this != SCHEDULED;
  }
}
