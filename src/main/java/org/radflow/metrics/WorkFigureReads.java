package org.radflow.metrics;

import java.time.Instant;

/**
 * Reads {@link WorkFigures} from the database.
 *
 * <p><b>Cost.</b> Each figure is answered from an index that holds only the work in hand (the
 * exception lane's status, the studies awaiting a report, the open dead letters), so a read costs
 * in proportion to that work, not to every study ever kept. <b>Consistency.</b> One read
 * transaction: the three figures describe committed state, though not necessarily one instant on
 * PostgreSQL's read-committed isolation. <b>Faults.</b> A database fault surfaces as {@link
 * org.radflow.db.StoreException}.
 */
public interface WorkFigureReads {

  /**
   * The figures now.
   *
   * @param now the instant a report turnaround deadline is compared with
   */
  WorkFigures read(Instant now);
}
