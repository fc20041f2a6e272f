package org.radflow.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Group commit for a single-writer database. SQLite allows one writer, and with {@code
 * synchronous=FULL} every commit waits for an fsync (milliseconds on ordinary disks), so committing
 * each command alone caps throughput at one command per fsync.
 *
 * <p>One writer thread takes every command waiting in the queue, runs each inside its own savepoint
 * of one transaction, commits once and only then answers the callers. A command that fails is
 * rolled back to its savepoint and fails alone; the others commit. If the commit itself fails,
 * every command in the group fails and nothing is acknowledged. Each command stays atomic: its
 * study row, history and outbox rows commit together or not at all.
 */
final class GroupCommitter implements AutoCloseable {

  private static final int MAX_GROUP = 64;

  private final DataSource dataSource;
  private final Dialect dialect;
  private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean running = true;

  GroupCommitter(DataSource dataSource, Dialect dialect, String name) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.writer = new Thread(this::writeLoop, name);
    this.writer.setDaemon(true);
    this.writer.start();
  }

  private static final class Pending<T> {
    final String operation;
    final SqlWork<T> work;
    final CompletableFuture<T> done = new CompletableFuture<>();
    T result;
    RuntimeException failure;

    Pending(String operation, SqlWork<T> work) {
      this.operation = operation;
      this.work = work;
    }

    void run(Connection c, Dialect dialect) throws SQLException {
      Savepoint savepoint = c.setSavepoint();
      try {
        result = work.run(c);
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

  /** Runs {@code work} in the next group and returns its result once the group has committed. */
  <T> T submit(String operation, SqlWork<T> work) {
    if (!running) {
      throw new StoreException(
          StoreException.Kind.UNAVAILABLE, operation + ": the store is closed", null);
    }
    Pending<T> pending = new Pending<>(operation, work);
    queue.add(pending);
    if (!running || !writer.isAlive()) {
      // closed (or the writer died) between the check above and the add: nobody will take it
      failAll(
          new StoreException(
              StoreException.Kind.UNAVAILABLE, operation + ": the store is closed", null));
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

  private void writeLoop() {
    List<Pending<?>> group = new ArrayList<>(MAX_GROUP);
    while (running || !queue.isEmpty()) {
      try {
        Pending<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        queue.drainTo(group, MAX_GROUP - 1);
        commit(group);
      } catch (InterruptedException e) {
        running = false;
      } finally {
        group.clear();
      }
    }
    failAll(new StoreException(StoreException.Kind.UNAVAILABLE, "the store is closed", null));
  }

  private void commit(List<Pending<?>> group) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        for (Pending<?> pending : group) {
          pending.run(c, dialect);
        }
        c.commit();
      } catch (Throwable e) {
        try {
          c.rollback();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
      group.forEach(Pending::answer);
    } catch (SQLException e) {
      StoreException failure = dialect.translate(e, "commit of " + group.size() + " commands");
      group.forEach(p -> p.done.completeExceptionally(failure));
    } catch (Throwable e) {
      // an Error too: the group fails and the writer lives on to serve the next one
      group.forEach(p -> p.done.completeExceptionally(e));
    }
  }

  private void failAll(StoreException failure) {
    Pending<?> pending;
    while ((pending = queue.poll()) != null) {
      pending.done.completeExceptionally(failure);
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
