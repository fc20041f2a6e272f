package org.radflow.lifecycle;

import org.radflow.study.StudyId;

/**
 * The slices of the study space the relay leases: every event of one study falls in the same slice,
 * so one relay at a time publishes a study's events, in their order.
 */
public final class RelayPartition {

  /** Fixed: changing it would move studies between slices while their events are in flight. */
  public static final int COUNT = 64;

  private RelayPartition() {}

  public static int of(StudyId study) {
    return Math.floorMod(study.value().hashCode(), COUNT);
  }
}
