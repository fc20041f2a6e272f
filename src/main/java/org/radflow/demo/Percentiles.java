package org.radflow.demo;

import java.util.Collection;

/**
 * The figures the report gives for a set of durations: how many, the median, the 95th percentile
 * (both nearest rank, so each is a value that was measured) and the largest.
 */
public record Percentiles(int count, long p50, long p95, long max) {

  public Percentiles {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, was " + count);
    }
    if (p50 > p95 || p95 > max) {
      throw new IllegalArgumentException(
          "p50 <= p95 <= max must hold, was " + p50 + ", " + p95 + ", " + max);
    }
  }

  /** The figures of {@code values}, which must not be empty. */
  public static Percentiles of(Collection<Long> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("values must not be empty");
    }
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Percentiles(
        sorted.length, nearestRank(sorted, 50), nearestRank(sorted, 95), sorted[sorted.length - 1]);
  }

  /** The smallest value with at least {@code percent} of the values at or below it. */
  static long nearestRank(long[] sorted, int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(1, rank) - 1];
  }
}
