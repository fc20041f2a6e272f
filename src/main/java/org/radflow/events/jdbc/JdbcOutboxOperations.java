package org.radflow.events.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.radflow.audit.jdbc.JdbcAuditTrail;
import org.radflow.db.Database;
import org.radflow.db.Dialect;
import org.radflow.events.OutboxEvent;
import org.radflow.events.OutboxOperations;
import org.radflow.events.OutboxStatus;
import org.radflow.events.ParkedEvent;
import org.radflow.lifecycle.HistoryEntry;
import org.radflow.lifecycle.StudyStore;
import org.radflow.lifecycle.jdbc.EventPayload;
import org.radflow.study.Change;
import org.radflow.study.Study;
import org.radflow.study.StudyId;

/**
 * What operators and housekeeping do with the outbox over JDBC: parked events and their return to
 * the line (audited), the backlog, retention, and replay rebuilt from the history.
 */
public final class JdbcOutboxOperations implements OutboxOperations {

  private final Database database;
  private final Dialect dialect;
  private final StudyStore studies;
  private final JdbcAuditTrail audit;
  private final PublicationFanOut fanOut;

  /**
   * @param studies the history replays are rebuilt from
   * @param fanOut what else publishing an event owes: replays are written to webhooks through it
   */
  public JdbcOutboxOperations(
      Database database, StudyStore studies, JdbcAuditTrail audit, PublicationFanOut fanOut) {
    this.database = database;
    this.dialect = database.dialect();
    this.studies = studies;
    this.audit = audit;
    this.fanOut = fanOut;
  }

  @Override
  public List<OutboxEvent> events(StudyId id) {
    return database.read(
        "read outbox of study " + id,
        c -> {
          List<OutboxEvent> events = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement("select * from outbox where study_id = ? order by study_seq")) {
            dialect.setId(s, 1, id.value());
            try (ResultSet rows = s.executeQuery()) {
              while (rows.next()) {
                events.add(OutboxRows.event(rows, dialect));
              }
            }
          }
          return events;
        });
  }

  @Override
  public List<ParkedEvent> parked(int limit) {
    return database.read(
        "read parked events",
        c -> {
          List<ParkedEvent> parked = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select * from outbox where parked_at is not null and published_at is null"
                      + " order by id limit ?")) {
            s.setInt(1, limit);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                parked.add(
                    new ParkedEvent(
                        OutboxRows.event(r, dialect),
                        r.getInt("attempts"),
                        r.getString("last_error"),
                        dialect.getInstant(r, "parked_at")));
              }
            }
          }
          return parked;
        });
  }

  @Override
  public boolean unpark(long id, String actor, String reason, Instant now) {
    return database.write(
        "unpark event " + id,
        c -> {
          StudyId study = null;
          try (PreparedStatement s =
              c.prepareStatement(
                  "select study_id from outbox where id = ? and parked_at is not null"
                      + " and published_at is null")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
              if (r.next()) {
                study = new StudyId(dialect.getId(r, "study_id"));
              }
            }
          }
          if (study == null) {
            audit.record(
                c,
                now,
                actor,
                "UNPARK",
                "event " + id,
                null,
                reason,
                "refused: the event is not parked");
            return false;
          }
          try (PreparedStatement s =
              c.prepareStatement("update outbox set parked_at = null, attempts = 0 where id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
          }
          audit.record(c, now, actor, "UNPARK", "event " + id, study, reason, "back in line");
          return true;
        });
  }

  @Override
  public OutboxStatus outboxStatus(Instant now) {
    return database.read(
        "read outbox status",
        c -> {
          try (PreparedStatement s =
                  c.prepareStatement(
                      "select count(*) as backlog, min(created_at) as oldest,"
                          + " sum(case when parked_at is not null then 1 else 0 end) as parked"
                          + " from outbox where published_at is null");
              ResultSet r = s.executeQuery()) {
            r.next();
            return new OutboxStatus(
                r.getLong("backlog"), dialect.getInstant(r, "oldest"), r.getLong("parked"));
          }
        });
  }

  @Override
  public int deletePublished(Instant before, int batch) {
    return database.write(
        "delete published events",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "delete from outbox where id in (select id from outbox where published_at < ?"
                      + " order by published_at limit ?)")) {
            dialect.setInstant(s, 1, before);
            s.setInt(2, batch);
            return s.executeUpdate();
          }
        });
  }

  @Override
  public List<OutboxEvent> historyEvents(StudyId study) {
    List<OutboxEvent> events = new ArrayList<>();
    Study current = null;
    for (HistoryEntry entry : studies.history(study)) {
      Change change = entry.change();
      current = current == null ? Study.replay(List.of(change)) : current.evolve(change);
      events.add(
          new OutboxEvent(
              0,
              entry.eventId(),
              study,
              entry.seq(),
              change.eventType(),
              EventPayload.of(current, entry.seq(), change),
              change.at(),
              null,
              entry.traceParent()));
    }
    return events;
  }

  @Override
  public List<OutboxEvent> historyEvents(Instant from, Instant to, int limit) {
    List<StudyId> studies =
        database.read(
            "find studies with history in a time range",
            c -> {
              List<StudyId> ids = new ArrayList<>();
              try (PreparedStatement s =
                  c.prepareStatement(
                      "select study_id, min(record_time) from study_history"
                          + " where record_time >= ? and record_time < ?"
                          + " group by study_id order by min(record_time)")) {
                dialect.setInstant(s, 1, from);
                dialect.setInstant(s, 2, to);
                try (ResultSet r = s.executeQuery()) {
                  while (r.next()) {
                    ids.add(new StudyId(dialect.getId(r, "study_id")));
                  }
                }
              }
              return ids;
            });
    List<OutboxEvent> events = new ArrayList<>();
    for (StudyId study : studies) {
      for (OutboxEvent event : historyEvents(study)) {
        boolean inRange = !event.createdAt().isBefore(from) && event.createdAt().isBefore(to);
        if (inRange && events.size() < limit) {
          events.add(event);
        }
      }
      if (events.size() >= limit) {
        break;
      }
    }
    return events;
  }

  @Override
  public void enqueueReplays(List<OutboxEvent> events, Instant now) {
    database.write(
        "enqueue replayed webhook deliveries",
        c -> {
          fanOut.published(c, events, true, now);
          return null;
        });
  }
}
