package org.radflow.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Group commit: several commands share one transaction and one durable flush. A commit waits for
 * the log to reach the disk (an fsync on SQLite with {@code synchronous=FULL}, a WAL flush on
 * PostgreSQL), so committing each command alone caps throughput at one command per flush and spends
 * a round trip and a transaction on each.
 *
 * <p>Each lane has one writer thread. It takes every command waiting for its lane, runs them in one
 * transaction in the order of their lock keys, commits once and only then answers the callers:
 * nothing is acknowledged before its commit. If the commit itself fails, every command of the group
 * fails and nothing is acknowledged. Each command stays atomic: its rows commit together or not at
 * all, and a command that fails fails alone:
 *
 * <ul>
 *   <li>{@link Isolation#SAVEPOINT_EACH}: each command runs inside its own savepoint and a failing
 *       one is rolled back to it (SQLite, where a savepoint is a function call);
 *   <li>{@link Isolation#RERUN_ON_FAILURE}: commands run without savepoints, which would cost two
 *       round trips each on a server; if one fails the transaction is rolled back and the group run
 *       again with a savepoint each, so the failing one fails alone (PostgreSQL). Commands must be
 *       safe to run again from the start, as they already are for contention retries.
 * </ul>
 *
 * <p><b>Lock order.</b> A command names the row it locks first (its study); the same key always
 * goes to the same lane, and a group runs its commands sorted by key, so two groups never wait on
 * each other's studies in opposite orders.
 *
 * <p><b>Adaptive wait.</b> A lone command at low load commits at once. Under load, when the last
 * group held several commands, the writer waits for the queue to reach that size again, but never
 * longer than half the last commit took nor {@code maxWait}: the wait follows the load.
 */
final class GroupCommitter implements AutoCloseable {

  /** How a failing command is kept from failing its group. */
  enum Isolation {
    SAVEPOINT_EACH,
    RERUN_ON_FAILURE
  }

  private static final Comparator<Pending<?>> LOCK_ORDER =
      Comparator.comparing(p -> p.lockKey, Comparator.nullsFirst(Comparator.naturalOrder()));

  private final DataSource dataSource;
  private final Dialect dialect;
  private final Isolation isolation;
  private final int maxGroup;
  private final long maxWaitNanos;
  private final List<Lane> lanes = new ArrayList<>();
  private final java.util.concurrent.atomic.LongAdder commands =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder groups =
      new java.util.concurrent.atomic.LongAdder();
  private volatile boolean running = true;

  GroupCommitter(DataSource dataSource, Dialect dialect, String name) {
    this(dataSource, dialect, name, 1, Isolation.SAVEPOINT_EACH, 64, 0);
  }

  GroupCommitter(
      DataSource dataSource,
      Dialect dialect,
      String name,
      int laneCount,
      Isolation isolation,
      int maxGroup,
      long maxWaitMicros) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.isolation = isolation;
    this.maxGroup = maxGroup;
    this.maxWaitNanos = TimeUnit.MICROSECONDS.toNanos(maxWaitMicros);
    for (int i = 0; i < laneCount; i++) {
      lanes.add(new Lane(laneCount == 1 ? name : name + "-" + i));
    }
  }

  private static final class Pending<T> {
    final String operation;
    final UUID lockKey;
    final SqlWork<T> work;
    final CompletableFuture<T> done = new CompletableFuture<>();
    T result;
    Throwable failure;

    Pending(String operation, UUID lockKey, SqlWork<T> work) {
      this.operation = operation;
      this.lockKey = lockKey;
      this.work = work;
    }

    /** Runs the work alone in a savepoint: a failure is rolled back and kept for its caller. */
    void runIsolated(Connection c, Dialect dialect) throws SQLException {
      Savepoint savepoint = c.setSavepoint();
      try {
        result = work.run(c);
        failure = null;
        c.releaseSavepoint(savepoint);
      } catch (SQLException e) {
        c.rollback(savepoint);
        failure = dialect.translate(e, operation);
      } catch (RuntimeException e) {
        c.rollback(savepoint);
        failure = e;
      }
    }

    void answer() {
      if (failure != null) {
        done.completeExceptionally(failure);
      } else {
        done.complete(result);
      }
    }
  }

  /**
   * Runs {@code work} in the next group of the lane of {@code lockKey} (any lane's order when null)
   * and returns its result once the group has committed.
   */
  <T> T submit(String operation, UUID lockKey, SqlWork<T> work) {
    Lane lane = lanes.get(lockKey == null ? 0 : Math.floorMod(lockKey.hashCode(), lanes.size()));
    Pending<T> pending = new Pending<>(operation, lockKey, work);
    if (!running) {
      throw closed(operation);
    }
    lane.queue.add(pending);
    if (!running || !lane.writer.isAlive()) {
      // closed (or the writer died) between the check above and the add: nobody will take it
      lane.failAll(closed(operation));
    }
    try {
      return pending.done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(
          StoreException.Kind.UNAVAILABLE,
          operation + ": interrupted while waiting for commit; the outcome is unknown",
          e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new StoreException(StoreException.Kind.FAILED, operation + " failed", e.getCause());
    }
  }

  <T> T submit(String operation, SqlWork<T> work) {
    return submit(operation, null, work);
  }

  /** How many commands have committed in how many transactions, since start. */
  CommitCounts counts() {
    return new CommitCounts(commands.sum(), groups.sum());
  }

  /** Commands waiting for a writer, in every lane. */
  int queued() {
    return lanes.stream().mapToInt(lane -> lane.queue.size()).sum();
  }

  private static StoreException closed(String operation) {
    return new StoreException(
        StoreException.Kind.UNAVAILABLE, operation + ": the store is closed", null);
  }

  private final class Lane {
    final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    final Thread writer;
    int lastGroupSize = 1;
    long lastCommitNanos;

    Lane(String name) {
      writer = new Thread(this::writeLoop, name);
      writer.setDaemon(true);
      writer.start();
    }

    private void writeLoop() {
      List<Pending<?>> group = new ArrayList<>(maxGroup);
      while (running || !queue.isEmpty()) {
        try {
          Pending<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          group.add(first);
          queue.drainTo(group, maxGroup - 1);
          fill(group);
          long started = System.nanoTime();
          commit(group);
          lastCommitNanos = System.nanoTime() - started;
          lastGroupSize = group.size();
        } catch (InterruptedException e) {
          running = false;
        } finally {
          group.clear();
        }
      }
      failAll(new StoreException(StoreException.Kind.UNAVAILABLE, "the store is closed", null));
    }

    /** Waits a little for the group to reach the last group's size, when the load says it will. */
    private void fill(List<Pending<?>> group) throws InterruptedException {
      if (maxWaitNanos == 0 || lastGroupSize <= 1 || group.size() >= lastGroupSize) {
        return;
      }
      long deadline = System.nanoTime() + Math.min(maxWaitNanos, lastCommitNanos / 2);
      while (group.size() < Math.min(lastGroupSize, maxGroup)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        Pending<?> next = queue.poll(left, TimeUnit.NANOSECONDS);
        if (next == null) {
          return;
        }
        group.add(next);
        queue.drainTo(group, maxGroup - group.size());
      }
    }

    private void failAll(StoreException failure) {
      Pending<?> pending;
      while ((pending = queue.poll()) != null) {
        pending.done.completeExceptionally(failure);
      }
    }
  }

  private void commit(List<Pending<?>> group) {
    group.sort(LOCK_ORDER);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (isolation == Isolation.SAVEPOINT_EACH || !runTogether(c, group)) {
          for (Pending<?> pending : group) {
            pending.runIsolated(c, dialect);
          }
        }
        c.commit();
      } catch (Throwable e) {
        rollbackQuietly(c, e);
        throw e;
      }
      commands.add(group.size());
      groups.increment();
      group.forEach(Pending::answer);
    } catch (SQLException e) {
      StoreException failure = dialect.translate(e, "commit of " + group.size() + " commands");
      group.forEach(p -> p.done.completeExceptionally(failure));
    } catch (Throwable e) {
      // an Error too: the group fails and the writer lives on to serve the next one
      SQLException lost =
          e instanceof AssertionError a ? PostgresDatabase.driverAssertion(a) : null;
      Throwable failure =
          lost == null ? e : dialect.translate(lost, "commit of " + group.size() + " commands");
      group.forEach(p -> p.done.completeExceptionally(failure));
    }
  }

  /**
   * Runs the whole group without savepoints; false, with the transaction rolled back, when a
   * command failed, so the caller runs the group again with a savepoint each.
   */
  private static boolean runTogether(Connection c, List<Pending<?>> group) throws SQLException {
    try {
      for (Pending<?> pending : group) {
        runTogetherOne(c, pending);
      }
      return true;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException lost) {
        // the connection itself is gone: the group fails with the command's own error
        e.addSuppressed(lost);
        throw e;
      }
      return false;
    }
  }

  private static <T> void runTogetherOne(Connection c, Pending<T> pending) throws SQLException {
    pending.result = pending.work.run(c);
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException suppressed) {
      cause.addSuppressed(suppressed);
    }
  }

  @Override
  public void close() {
    running = false;
    for (Lane lane : lanes) {
      try {
        lane.writer.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
