package org.radflow.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts the dead letters one channel keeps, by error code ({@code radflow.dead.letters}, scraped
 * as {@code radflow_dead_letters_total{channel, error}}), so an alert sees them arriving. Every
 * code is registered at zero when the channel is built: a counter that first appears with its first
 * letter has no earlier sample, and a {@code rate()} over it would miss that letter.
 */
public final class DeadLetterCounter {

  private final Map<ErrorCode, Counter> counters = new EnumMap<>(ErrorCode.class);

  public DeadLetterCounter(String channel, MeterRegistry meters) {
    for (ErrorCode code : ErrorCode.values()) {
      counters.put(
          code,
          Counter.builder("radflow.dead.letters")
              .description("dead letters kept, by channel and error code")
              .tag("channel", channel)
              .tag("error", code.name())
              .register(meters));
    }
  }

  /** Counts a letter once it is durably kept. */
  public void kept(ErrorCode code) {
    counters.get(code).increment();
  }
}
