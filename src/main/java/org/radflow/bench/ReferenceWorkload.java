package org.radflow.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.radflow.db.Dialect;
import org.radflow.study.TransitionType;
import org.sqlite.SQLiteConfig;

/**
 * The bar radflow is measured against: hand-written JDBC doing the writes of each command and
 * nothing else. Each client opens a study (one INSERT into study, and its history and outbox rows)
 * and drives it through the 12 steps of {@link TransitionsBench#MAIN_PATH}, each step UPDATE study
 * + INSERT study_history + INSERT outbox in one transaction, then takes a fresh study. It writes
 * radflow's own tables, created by radflow's migrations, and the very texts radflow wrote for each
 * command ({@link CommandShapes}). It does not read the study (the client knows its version), keeps
 * no idempotency row, plans no steps and sends no notification: that is radflow's cost.
 *
 * <p>Each form is the fastest honest one for its database, so that the bar is not lowered:
 *
 * <ul>
 *   <li><b>PostgreSQL</b>: a connection per client, {@code synchronous_commit = on} set explicitly,
 *       and each command one statement — the INSERTs as data-modifying common table expressions of
 *       the UPDATE (or the study INSERT) — in auto-commit: one round trip, one transaction and one
 *       WAL flush per command, concurrent commits sharing flushes as PostgreSQL does by itself. The
 *       statements are prepared once per connection and reused.
 *   <li><b>SQLite</b>: one writer, because SQLite has one. A single connection (WAL, {@code
 *       synchronous=FULL}, as radflow's) takes the clients' transactions one at a time, in arrival
 *       order (a fair lock), each {@code BEGIN IMMEDIATE} … {@code COMMIT}: one fsync per command.
 *       Connections of their own would only contend for SQLite's write lock and sleep in its busy
 *       handler. radflow instead commits every waiting command of a group in one transaction and
 *       one fsync ({@code GroupCommitter}); that difference is what the comparison shows on SQLite.
 *       Like radflow's, the connection does no automatic checkpoint inside a commit: radflow's
 *       checkpointer, open for the whole sitting, copies the log back for both.
 * </ul>
 */
final class ReferenceWorkload implements StudyDriver, AutoCloseable {

  private final ReferenceRows rows;
  private final CommandShapes shapes;
  private final Session[] sessions;
  private final ReentrantLock writer; // SQLite's one writer; null on PostgreSQL

  private ReferenceWorkload(
      Dialect dialect, CommandShapes shapes, Session[] sessions, ReentrantLock writer) {
    this.rows = new ReferenceRows(dialect);
    this.shapes = shapes;
    this.sessions = sessions;
    this.writer = writer;
  }

  /** The reference for {@code clients} clients on the database at {@code location}. */
  static ReferenceWorkload open(
      BenchStores.Location location, Dialect dialect, int clients, CommandShapes shapes)
      throws SQLException {
    if (location.url().startsWith("jdbc:sqlite:")) {
      SQLiteConfig config = new SQLiteConfig();
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      config.setBusyTimeout(30_000);
      config.enforceForeignKeys(true);
      Connection c = DriverManager.getConnection(location.url(), config.toProperties());
      execute(c, "PRAGMA wal_autocheckpoint = 0");
      Session one = new Session(c, false);
      Session[] sessions = new Session[clients];
      java.util.Arrays.fill(sessions, one);
      return new ReferenceWorkload(dialect, shapes, sessions, new ReentrantLock(true));
    }
    Session[] sessions = new Session[clients];
    try {
      for (int i = 0; i < clients; i++) {
        Connection c =
            DriverManager.getConnection(location.url(), location.user(), location.password());
        execute(c, "set synchronous_commit = on");
        sessions[i] = new Session(c, true);
      }
    } catch (SQLException e) {
      for (Session s : sessions) {
        if (s != null) {
          s.close();
        }
      }
      throw e;
    }
    return new ReferenceWorkload(dialect, shapes, sessions, null);
  }

  /**
   * How this reference commits, for the bench's header; on PostgreSQL with the server's own
   * durability settings, which radflow's connections keep, so that a server that does not flush
   * (making radflow look cheaper than the reference) shows.
   */
  String describe() {
    if (writer != null) {
      return "one writer connection, BEGIN IMMEDIATE … COMMIT per command, in arrival order";
    }
    Session first = sessions[0];
    return sessions.length
        + " connections, one statement per command in auto-commit, synchronous_commit "
        + first.setting("show synchronous_commit")
        + "; the server's (radflow's): synchronous_commit "
        + first.setting("select reset_val from pg_settings where name = 'synchronous_commit'")
        + ", fsync "
        + first.setting("show fsync");
  }

  @Override
  public void driveOneStudy(
      int client, long n, TransitionsBench.LatencyRecorder recorder, long deadlineNanos)
      throws SQLException {
    Session session = sessions[client];
    UUID id = UUID.randomUUID();
    String accession = "REF-" + n + "-" + System.nanoTime();
    long t0 = System.nanoTime();
    commit(session, () -> session.open(this, id, accession, n));
    recorder.record(System.nanoTime() - t0);
    long version = shapes.opening().changes().size();
    for (int step = 1; step <= TransitionsBench.MAIN_PATH.size(); step++) {
      if (System.nanoTime() >= deadlineNanos) {
        return;
      }
      long t = System.nanoTime();
      long from = version;
      int index = step;
      commit(session, () -> session.step(this, id, n, index, from));
      recorder.record(System.nanoTime() - t);
      version += shapes.commands().get(step).changes().size();
    }
  }

  private interface Work {
    void run() throws SQLException;
  }

  /** One transaction: on SQLite under the writer lock, BEGIN IMMEDIATE to COMMIT. */
  private void commit(Session session, Work work) throws SQLException {
    if (writer == null) {
      work.run(); // one statement in auto-commit is one transaction
      return;
    }
    writer.lock();
    try {
      session.begin.execute();
      try {
        work.run();
        session.commit.execute();
      } catch (SQLException | RuntimeException e) {
        execute(session.connection, "ROLLBACK");
        throw e;
      }
    } finally {
      writer.unlock();
    }
  }

  /** A connection and its statements, prepared once and reused. */
  private static final class Session implements AutoCloseable {
    private final Connection connection;
    private final boolean combined;
    private final PreparedStatement begin;
    private final PreparedStatement commit;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    Session(Connection connection, boolean combined) throws SQLException {
      this.connection = connection;
      this.combined = combined;
      this.begin = combined ? null : connection.prepareStatement("BEGIN IMMEDIATE");
      this.commit = combined ? null : connection.prepareStatement("COMMIT");
    }

    /** The one value {@code query} answers, for a header; a failure is said, not thrown. */
    String setting(String query) {
      try (Statement s = connection.createStatement();
          ResultSet r = s.executeQuery(query)) {
        r.next();
        return r.getString(1);
      } catch (SQLException e) {
        return "unknown (" + e.getMessage() + ")";
      }
    }

    private PreparedStatement statement(String sql) throws SQLException {
      PreparedStatement s = statements.get(sql);
      if (s == null) {
        s = connection.prepareStatement(sql);
        statements.put(sql, s);
      }
      return s;
    }

    void open(ReferenceWorkload w, UUID id, String accession, long n) throws SQLException {
      CommandShapes.Command shape = w.shapes.opening();
      int changes = shape.changes().size();
      Instant now = Instant.now();
      if (combined) {
        PreparedStatement s =
            statement(ReferenceRows.combined(changes, ReferenceRows.INSERT_STUDY));
        int next = w.rows.bindChanges(s, 1, id, 0, shape, "open-" + n, n, now);
        w.rows.bindStudy(s, next, id, accession, n, shape, changes, now);
        s.executeUpdate();
        return;
      }
      PreparedStatement study = statement(ReferenceRows.INSERT_STUDY);
      w.rows.bindStudy(study, 1, id, accession, n, shape, changes, now);
      study.executeUpdate();
      insertChanges(w.rows, id, 0, shape, "open-" + n, n, now);
    }

    void step(ReferenceWorkload w, UUID id, long n, int step, long version) throws SQLException {
      CommandShapes.Command shape = w.shapes.commands().get(step);
      long to = version + shape.changes().size();
      TransitionType type = TransitionsBench.MAIN_PATH.get(step - 1);
      String key = type.name().toLowerCase(Locale.ROOT) + "-" + n;
      Instant now = Instant.now();
      int updated;
      if (combined) {
        PreparedStatement s =
            statement(ReferenceRows.combined(shape.changes().size(), ReferenceRows.UPDATE_STUDY));
        int next = w.rows.bindChanges(s, 1, id, version, shape, key, n, now);
        w.rows.bindUpdate(s, next, id, n, shape, version, to, now);
        updated = s.executeUpdate();
      } else {
        insertChanges(w.rows, id, version, shape, key, n, now);
        PreparedStatement s = statement(ReferenceRows.UPDATE_STUDY);
        w.rows.bindUpdate(s, 1, id, n, shape, version, to, now);
        updated = s.executeUpdate();
      }
      if (updated != 1) {
        throw new IllegalStateException("reference study " + id + " was not at " + version);
      }
    }

    /** The history and outbox rows of a command, each table's rows in one batch. */
    private void insertChanges(
        ReferenceRows rows,
        UUID id,
        long version,
        CommandShapes.Command shape,
        String key,
        long n,
        Instant now)
        throws SQLException {
      PreparedStatement history = statement(ReferenceRows.INSERT_HISTORY);
      PreparedStatement outbox = statement(ReferenceRows.INSERT_OUTBOX);
      long seq = version;
      for (CommandShapes.Change change : shape.changes()) {
        seq++;
        rows.bindHistory(history, 1, id, seq, change, key, n, now);
        history.addBatch();
        rows.bindOutbox(outbox, 1, id, seq, change, now);
        outbox.addBatch();
      }
      history.executeBatch();
      outbox.executeBatch();
    }

    @Override
    public void close() {
      try {
        connection.close(); // closes its statements
      } catch (SQLException e) {
        System.err.println("could not close a reference connection: " + e.getMessage());
      }
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  public void close() {
    List<Session> distinct = new ArrayList<>();
    for (Session s : sessions) {
      if (s != null && !distinct.contains(s)) {
        distinct.add(s);
      }
    }
    distinct.forEach(Session::close);
  }
}
