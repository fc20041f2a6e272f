package org.radflow.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.radflow.db.Database;
import org.radflow.lifecycle.StudyLifecycle;
import org.radflow.lifecycle.StudyStore;
import org.radflow.study.StudyId;
import org.radflow.study.TransitionType;

/**
 * What radflow itself writes for each command of a bench study, taken from its own rows: one probe
 * study is opened and driven along {@link TransitionsBench#MAIN_PATH} through the real lifecycle,
 * and after each command the study row and the history and outbox rows it added are read back. The
 * reference workload then writes these very texts (the study's detail, each history body, each
 * outbox payload), so its rows have radflow's sizes and compress as radflow's do, and whatever
 * radflow's encoding becomes, the reference follows it without a constant to update.
 */
record CommandShapes(List<Command> commands) {

  /** The study row after one command, and the changes it recorded. */
  record Command(
      String clinical,
      String imaging,
      String administrative,
      String distribution,
      String statusIndex,
      String detail,
      List<Change> changes) {

    Command {
      changes = List.copyOf(changes);
    }
  }

  /** One history row and its outbox row. */
  record Change(
      String changeType, String transitionType, String body, String eventType, String payload) {}

  CommandShapes {
    commands = List.copyOf(commands);
    if (commands.size() != TransitionsBench.MAIN_PATH.size() + 1) {
      throw new IllegalArgumentException("commands must be the opening and each main-path step");
    }
  }

  /** The opening's shape; {@code commands().get(i)} is the i-th step's, from 1. */
  Command opening() {
    return commands.get(0);
  }

  static CommandShapes probe(StudyStore store, Database database) {
    StudyLifecycle lifecycle = new StudyLifecycle(store, Clock.systemUTC());
    long n = 0; // the bench's sequences start at 1, so the probe's keys are its own
    StudyId id = TransitionsBench.open(lifecycle, n);
    List<Command> commands = new ArrayList<>();
    long[] version = {0};
    commands.add(read(database, id, version));
    for (TransitionType type : TransitionsBench.MAIN_PATH) {
      TransitionsBench.apply(lifecycle, id, type, n);
      commands.add(read(database, id, version));
    }
    return new CommandShapes(commands);
  }

  /** Reads the study row and the changes after {@code version[0]}, and advances it. */
  private static Command read(Database database, StudyId id, long[] version) {
    return database.read(
        "probe study rows",
        c -> {
          Command command = studyRow(c, database, id, version[0]);
          version[0] += command.changes().size();
          return command;
        });
  }

  private static Command studyRow(Connection c, Database database, StudyId id, long after)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select clinical_state, imaging_state, administrative_state, distribution_state,"
                + " status_index, detail, version from study where id = ?")) {
      database.dialect().setId(s, 1, id.value());
      try (ResultSet rows = s.executeQuery()) {
        if (!rows.next()) {
          throw new IllegalStateException("probe study " + id + " is not in the store");
        }
        List<Change> changes = changes(c, database, id, after, rows.getLong("version"));
        return new Command(
            rows.getString("clinical_state"),
            rows.getString("imaging_state"),
            rows.getString("administrative_state"),
            rows.getString("distribution_state"),
            rows.getString("status_index"),
            rows.getString("detail"),
            changes);
      }
    }
  }

  private static List<Change> changes(
      Connection c, Database database, StudyId id, long after, long upTo) throws SQLException {
    List<Change> changes = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select h.change_type, h.transition_type, h.body, o.event_type, o.payload"
                + " from study_history h join outbox o"
                + " on o.study_id = h.study_id and o.study_seq = h.seq"
                + " where h.study_id = ? and h.seq > ? and h.seq <= ? order by h.seq")) {
      database.dialect().setId(s, 1, id.value());
      s.setLong(2, after);
      s.setLong(3, upTo);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          changes.add(
              new Change(
                  rows.getString(1),
                  rows.getString(2),
                  rows.getString(3),
                  rows.getString(4),
                  rows.getString(5)));
        }
      }
    }
    if (changes.size() != upTo - after) {
      throw new IllegalStateException(
          "probe study " + id + ": expected " + (upTo - after) + " changes, found " + changes);
    }
    return changes;
  }

  /** The mean characters per command of the detail, history bodies and outbox payloads. */
  String sizes() {
    double detail = commands.stream().mapToInt(c -> c.detail().length()).average().orElse(0);
    double body =
        commands.stream()
            .mapToInt(c -> c.changes().stream().mapToInt(x -> x.body().length()).sum())
            .average()
            .orElse(0);
    double payload =
        commands.stream()
            .mapToInt(c -> c.changes().stream().mapToInt(x -> x.payload().length()).sum())
            .average()
            .orElse(0);
    double changes = commands.stream().mapToInt(c -> c.changes().size()).average().orElse(0);
    return String.format(
        Locale.ROOT,
        "per command, as radflow wrote them for a probe study: %.2f changes, detail %.0f chars,"
            + " history body %.0f chars, outbox payload %.0f chars",
        changes,
        detail,
        body,
        payload);
  }
}
