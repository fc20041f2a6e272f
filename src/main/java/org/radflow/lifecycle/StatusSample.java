package org.radflow.lifecycle;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.radflow.study.EndToEndStatus;

/**
 * How many studies were in each end-to-end status at one minute, for the console's chart of the
 * last hours.
 *
 * @param sampledAt the minute of the sample (whole minutes, UTC)
 * @param studies studies per status then; every status present, zero when none
 */
public record StatusSample(Instant sampledAt, Map<EndToEndStatus.Kind, Long> studies) {
  public StatusSample {
    if (sampledAt == null) {
      throw new IllegalArgumentException("sampledAt must not be null");
    }
    Map<EndToEndStatus.Kind, Long> copy = new EnumMap<>(EndToEndStatus.Kind.class);
    for (EndToEndStatus.Kind kind : EndToEndStatus.Kind.values()) {
      copy.put(kind, studies.getOrDefault(kind, 0L));
    }
    studies = Collections.unmodifiableMap(copy);
  }
}
