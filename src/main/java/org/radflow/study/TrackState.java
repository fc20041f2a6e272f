package org.radflow.study;

/** A state of one track. Implemented only by the per-track enums. */
public sealed interface TrackState
    permits ClinicalState, ImagingState, AdministrativeState, DistributionState {

  Track track();

  String name();

  /** A side state that needs a person or an external answer before the track can move on. */
  boolean isException();

  /** Parses {@code "IMAGING:IMAGES_COMMITTED"} or a bare state name unique across tracks. */
  static TrackState parse(Track track, String name) {
    return switch (track) {
      case CLINICAL -> ClinicalState.valueOf(name);
      case IMAGING -> ImagingState.valueOf(name);
      case ADMINISTRATIVE -> AdministrativeState.valueOf(name);
      case DISTRIBUTION -> DistributionState.valueOf(name);
    };
  }
}
