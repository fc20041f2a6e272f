package org.radflow.lifecycle;

import java.util.Locale;
import java.util.Set;
import org.radflow.study.Study;

/**
 * Whether a study's work goes first when suspended work is released: its order's priority is STAT
 * or ASAP (HL7 table 0485: {@code S}, {@code A}; ORC-7.6 or TQ1-9, which the HL7 adapter keeps as
 * the study's {@code priority}).
 */
public final class Urgency {

  private static final Set<String> URGENT = Set.of("S", "A", "STAT", "ASAP");

  private Urgency() {}

  public static boolean isUrgent(Study study) {
    String priority = study.attributes().get("priority");
    return priority != null && URGENT.contains(priority.strip().toUpperCase(Locale.ROOT));
  }
}
