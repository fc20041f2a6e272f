package org.radflow.webhook;

import java.util.List;

/** The event types a subscription may name; they mirror {@code org.radflow.study.Change}. */
public final class EventTypes {

  /** Every event, present and future. */
  public static final String ALL = "*";

  public static final List<String> KNOWN =
      List.of(
          "study.created",
          "study.joined",
          "study.transition.applied",
          "study.observation.recorded",
          "study.transition.held",
          "study.hold.refused",
          "study.hold.expired");

  private EventTypes() {}

  public static boolean isKnown(String type) {
    return ALL.equals(type) || KNOWN.contains(type);
  }
}
