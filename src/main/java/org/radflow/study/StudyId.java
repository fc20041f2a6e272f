package org.radflow.study;

import java.util.UUID;

/** radflow's internal identifier of a study. */
public record StudyId(UUID value) {
  public StudyId {
    Require.present(value, "study id");
  }

  public static StudyId random() {
    return new StudyId(UUID.randomUUID());
  }

  /** Parses a study id, naming the bad input when it is not a UUID. */
  public static StudyId parse(String text) {
    try {
      return new StudyId(UUID.fromString(text));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("study id '" + text + "' is not a UUID");
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
