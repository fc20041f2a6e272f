package org.radflow.db;

/**
 * How many grouped commands committed in how many transactions: their ratio is the mean group size,
 * what group commit saves in WAL flushes and round trips.
 */
public record CommitCounts(long commands, long transactions) {

  public static final CommitCounts NONE = new CommitCounts(0, 0);

  /** The counts since {@code earlier}. */
  public CommitCounts since(CommitCounts earlier) {
    return new CommitCounts(commands - earlier.commands, transactions - earlier.transactions);
  }

  /** Commands per transaction; 0 when none committed. */
  public double perTransaction() {
    return transactions == 0 ? 0 : (double) commands / transactions;
  }
}
