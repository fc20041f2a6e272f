package org.radflow.lifecycle.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.radflow.db.Database;
import org.radflow.db.Dialect;
import org.radflow.lifecycle.StatusSample;
import org.radflow.study.EndToEndStatus;

/**
 * The study_status_sample rows: per minute, how many studies were in each status. Every node may
 * sample; the minute is the key, so the first sample of a minute stands and later ones write
 * nothing. Each sample writes every status in the same order, so two nodes sampling together wait
 * for each other on the first row and one of them writes the whole minute.
 */
final class StatusSampling {

  private final Database database;
  private final Dialect dialect;

  StatusSampling(Database database, Dialect dialect) {
    this.database = database;
    this.dialect = dialect;
  }

  boolean sample(Instant now, Duration retention) {
    Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
    return database.write(
        "sample studies per status",
        c -> {
          deleteBefore(c, now.minus(retention));
          if (sampled(c, minute)) {
            return false;
          }
          Map<EndToEndStatus.Kind, Long> counts = countPerStatus(c);
          int written = 0;
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into study_status_sample (sampled_at, status, studies) values (?, ?, ?)"
                      + " on conflict (sampled_at, status) do nothing")) {
            for (EndToEndStatus.Kind kind : EndToEndStatus.Kind.values()) {
              dialect.setInstant(s, 1, minute);
              s.setString(2, kind.name());
              s.setLong(3, counts.getOrDefault(kind, 0L));
              written += s.executeUpdate();
            }
          }
          return written > 0;
        });
  }

  List<StatusSample> since(Instant since) {
    return database.read(
        "read status samples",
        c -> {
          Map<Instant, Map<EndToEndStatus.Kind, Long>> minutes = new LinkedHashMap<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select sampled_at, status, studies from study_status_sample"
                      + " where sampled_at >= ? order by sampled_at")) {
            dialect.setInstant(s, 1, since);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                minutes
                    .computeIfAbsent(
                        dialect.getInstant(r, "sampled_at"),
                        m -> new EnumMap<>(EndToEndStatus.Kind.class))
                    .put(EndToEndStatus.Kind.valueOf(r.getString("status")), r.getLong("studies"));
              }
            }
          }
          List<StatusSample> samples = new ArrayList<>();
          minutes.forEach((minute, studies) -> samples.add(new StatusSample(minute, studies)));
          return samples;
        });
  }

  private boolean sampled(Connection c, Instant minute) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("select 1 from study_status_sample where sampled_at = ?")) {
      dialect.setInstant(s, 1, minute);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  /** Served by the index study_status (V1), not by reading the studies. */
  private static Map<EndToEndStatus.Kind, Long> countPerStatus(Connection c) throws SQLException {
    Map<EndToEndStatus.Kind, Long> counts = new EnumMap<>(EndToEndStatus.Kind.class);
    try (PreparedStatement s =
            c.prepareStatement("select status_index, count(*) from study group by status_index");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        counts.put(EndToEndStatus.Kind.valueOf(r.getString(1)), r.getLong(2));
      }
    }
    return counts;
  }

  private void deleteBefore(Connection c, Instant before) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("delete from study_status_sample where sampled_at < ?")) {
      dialect.setInstant(s, 1, before);
      s.executeUpdate();
    }
  }
}
