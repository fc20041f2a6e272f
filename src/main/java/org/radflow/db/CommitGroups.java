package org.radflow.db;

/**
 * How PostgreSQL commits grouped work ({@link GroupCommitter}): in {@code lanes} writer threads,
 * each with at most {@code maxGroup} commands per transaction, waiting at most {@code
 * maxWaitMicros} for a group to fill. {@code lanes} 0 commits every command alone, as before group
 * commit existed (for comparisons).
 *
 * <p>Read from {@code RADFLOW_PG_COMMIT_LANES}, {@code RADFLOW_PG_COMMIT_MAX_GROUP} and {@code
 * RADFLOW_PG_COMMIT_MAX_WAIT_MICROS} (or the system properties {@code radflow.pg.commit.lanes},
 * {@code .max-group}, {@code .max-wait-micros}, which win).
 */
public record CommitGroups(int lanes, int maxGroup, long maxWaitMicros) {

  /** Two lanes: on two cores, more writers than cores only add context switches. */
  public static final CommitGroups DEFAULT = new CommitGroups(2, 32, 1_000);

  public CommitGroups {
    if (lanes < 0 || lanes > 64) {
      throw new IllegalArgumentException("commit lanes must be 0 to 64, was " + lanes);
    }
    if (maxGroup < 1 || maxGroup > 1_000) {
      throw new IllegalArgumentException(
          "a commit group holds 1 to 1000 commands, was " + maxGroup);
    }
    if (maxWaitMicros < 0 || maxWaitMicros > 100_000) {
      throw new IllegalArgumentException(
          "a commit group waits 0 to 100000 microseconds, was " + maxWaitMicros);
    }
  }

  /** The settings of this process: the environment's, else {@link #DEFAULT}. */
  public static CommitGroups configured() {
    return new CommitGroups(
        (int) setting("lanes", "LANES", DEFAULT.lanes()),
        (int) setting("max-group", "MAX_GROUP", DEFAULT.maxGroup()),
        setting("max-wait-micros", "MAX_WAIT_MICROS", DEFAULT.maxWaitMicros()));
  }

  private static long setting(String property, String variable, long fallback) {
    String value = System.getProperty("radflow.pg.commit." + property);
    if (value == null) {
      value = System.getenv("RADFLOW_PG_COMMIT_" + variable);
    }
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "RADFLOW_PG_COMMIT_" + variable + " must be a whole number, was '" + value + "'");
    }
  }
}
