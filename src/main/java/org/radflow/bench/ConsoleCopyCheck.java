package org.radflow.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.radflow.lifecycle.HistoryEntry;
import org.radflow.lifecycle.RelayPartition;
import org.radflow.lifecycle.StudyReads;
import org.radflow.study.Change;
import org.radflow.study.Study;
import org.radflow.study.StudyId;

/**
 * Reads copied studies back through radflow's store after {@link ConsoleCopy}, and fails loudly
 * when one does not decode or does not hang together: the study must carry its own accession, its
 * history must begin with its own creation and replay to the study stored, its row's created_at
 * must be the instant its JSON states, its idempotency keys must be its own, and its outbox rows
 * must carry the event ids and relay partition radflow derives from its id, and its accession. On a
 * store whose published events past a retention are gone, its outbox rows must be its newest
 * history entries', none published before the retention's cutoff.
 */
final class ConsoleCopyCheck {

  /** How many random copies are read back, whatever the store's size, besides one per status. */
  static final int SAMPLE = 12;

  private ConsoleCopyCheck() {}

  /** Returns how many copies were checked; throws naming the first that is wrong. */
  static int check(BenchStores.Location location, StudyReads reads) throws SQLException {
    return check(location, reads, null);
  }

  /**
   * As {@link #check(BenchStores.Location, StudyReads)}, on a store whose events published before
   * {@code retainedSince} were deleted (null: every event is kept).
   */
  static int check(BenchStores.Location location, StudyReads reads, Instant retainedSince)
      throws SQLException {
    CopySql sql =
        location.url().startsWith("jdbc:sqlite:") ? CopySql.forSqlite() : CopySql.forPostgresql();
    try (Connection c =
            DriverManager.getConnection(location.url(), location.user(), location.password());
        Statement s = c.createStatement()) {
      List<String> statuses = new ArrayList<>();
      try (ResultSet r = s.executeQuery("select distinct status_index from study")) {
        while (r.next()) {
          statuses.add(r.getString(1));
        }
      }
      List<String> samples = new ArrayList<>();
      samples.add("accession_number like '%-C%' order by random() limit " + SAMPLE);
      for (String status : statuses) { // one of each status too, the rare lanes included
        samples.add(
            "accession_number like '%-C%' and status_index = '"
                + status
                + "' order by random() limit 1");
      }
      List<String[]> copies = new ArrayList<>();
      List<Instant> createdAt = new ArrayList<>();
      for (String sample : samples) {
        try (ResultSet r =
            s.executeQuery("select id, accession_number, created_at from study where " + sample)) {
          while (r.next()) {
            copies.add(new String[] {r.getString("id"), r.getString("accession_number")});
            createdAt.add(sql.instant(r, "created_at"));
          }
        }
      }
      for (int i = 0; i < copies.size(); i++) {
        Copy copy = new Copy(StudyId.parse(copies.get(i)[0]), copies.get(i)[1], createdAt.get(i));
        checkOne(s, sql, reads, copy, retainedSince);
      }
      return copies.size();
    }
  }

  private record Copy(StudyId id, String accession, Instant createdAt) {}

  private static void checkOne(
      Statement s, CopySql sql, StudyReads reads, Copy copy, Instant retainedSince)
      throws SQLException {
    StudyId id = copy.id();
    String accession = copy.accession();
    Instant createdAt = copy.createdAt();
    String suffix = accession.substring(accession.lastIndexOf("-C"));
    Study study =
        reads.find(id).orElseThrow(() -> wrong(id, accession, "radflow does not find it"));
    require(
        study.businessKey().accessionNumber().equals(accession),
        id,
        accession,
        "reads back as accession " + study.businessKey().accessionNumber());
    require(
        study.createdAt().equals(createdAt),
        id,
        accession,
        "created_at " + createdAt + " but its detail says " + study.createdAt());
    List<HistoryEntry> history = reads.history(id);
    require(
        !history.isEmpty() && history.get(0).change() instanceof Change.Created,
        id,
        accession,
        "its history does not begin with its creation");
    Change.Created created = (Change.Created) history.get(0).change();
    require(
        created.study().id().equals(id)
            && created.study().businessKey().accessionNumber().equals(accession),
        id,
        accession,
        "its creation is of " + created.study().businessKey());
    Study replayed = Study.replay(history.stream().map(HistoryEntry::change).toList());
    require(
        replayed.status().equals(study.status())
            && replayed.patient().equals(study.patient())
            && replayed.createdAt().equals(study.createdAt())
            && replayed.updatedAt().equals(study.updatedAt()),
        id,
        accession,
        "its history replays to another study: " + replayed);
    for (HistoryEntry entry : history) {
      String key = idempotencyKey(entry.change());
      require(
          key == null || key.endsWith(suffix),
          id,
          accession,
          "history " + entry.seq() + " has the key " + key);
    }
    List<Long> seqs = new ArrayList<>();
    try (ResultSet r =
        s.executeQuery(
            "select event_id, study_seq, relay_partition, payload, published_at from outbox"
                + " where study_id = '"
                + id
                + "' order by study_seq")) {
      while (r.next()) {
        long seq = r.getLong("study_seq");
        seqs.add(seq);
        Instant published = sql.instant(r, "published_at");
        require(
            retainedSince == null || published == null || !published.isBefore(retainedSince),
            id,
            accession,
            "event " + seq + " was published at " + published + ", before the retention's cutoff");
        require(
            UUID.fromString(r.getString("event_id")).equals(HistoryEntry.eventId(id, seq)),
            id,
            accession,
            "event " + seq + " has the id " + r.getString("event_id"));
        require(
            r.getInt("relay_partition") == RelayPartition.of(id),
            id,
            accession,
            "event " + seq + " is in partition " + r.getInt("relay_partition"));
        require(
            r.getString("payload").contains("\"accessionNumber\":\"" + accession + "\""),
            id,
            accession,
            "event " + seq + " names another accession");
      }
    }
    List<Long> expected =
        history.stream()
            .skip(retainedSince == null ? 0 : Math.max(0, history.size() - seqs.size()))
            .map(HistoryEntry::seq)
            .toList();
    require(
        seqs.equals(expected),
        id,
        accession,
        "outbox rows for entries "
            + seqs
            + " of "
            + history.size()
            + (retainedSince == null ? " history entries" : ", not the newest of them"));
  }

  private static String idempotencyKey(Change change) {
    if (change instanceof Change.Applied a) {
      return a.transition().idempotencyKey();
    }
    if (change instanceof Change.Observed o) {
      return o.transition().idempotencyKey();
    }
    return null;
  }

  private static void require(boolean holds, StudyId id, String accession, String problem) {
    if (!holds) {
      throw wrong(id, accession, problem);
    }
  }

  private static IllegalStateException wrong(StudyId id, String accession, String problem) {
    return new IllegalStateException(
        "copied study " + accession + " (" + id + ") is not consistent: " + problem);
  }
}
