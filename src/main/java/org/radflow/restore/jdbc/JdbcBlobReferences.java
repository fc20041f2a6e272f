package org.radflow.restore.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.radflow.db.Database;
import org.radflow.db.Dialect;
import org.radflow.restore.BlobReferences;
import org.radflow.restore.ReferencedBlob;

/**
 * The three places rows name blobs:
 *
 * <ul>
 *   <li>history entries, whose references ({@code blob://sha256/<hex>}: the HL7 message a change
 *       came from, a report body, a patient search) are part of the entry's JSON body, kept for
 *       ever;
 *   <li>national steps' retained requests ({@code step.payload_ref}) until they are purged;
 *   <li>dead letters' raw bytes ({@code dead_letter.raw_sha256}).
 * </ul>
 *
 * Each table is read in pages by its key, in auto-commit, so a large history is never held open in
 * one transaction nor in memory. The study rows and outbox events repeat what the history says, so
 * they are not read.
 */
public final class JdbcBlobReferences implements BlobReferences {

  static final int PAGE = 1000;
  private static final Pattern BLOB_URI = Pattern.compile("blob://sha256/([0-9a-f]{64})");
  private static final Pattern NAME = Pattern.compile("[0-9a-f]{64}");

  private final Database database;
  private final int page;

  public JdbcBlobReferences(Database database) {
    this(database, PAGE);
  }

  /** With pages of {@code page} rows: small pages let a test cross page boundaries. */
  JdbcBlobReferences(Database database, int page) {
    if (page < 1) {
      throw new IllegalArgumentException("a page holds at least one row, was " + page);
    }
    this.database = database;
    this.page = page;
  }

  @Override
  public void forEach(Consumer<ReferencedBlob> each) {
    history(each);
    retainedRequests(each);
    deadLetters(each);
  }

  private void history(Consumer<ReferencedBlob> each) {
    Dialect dialect = database.dialect();
    UUID afterStudy = null;
    long afterSeq = 0;
    while (true) {
      UUID fromStudy = afterStudy;
      long fromSeq = afterSeq;
      boolean fromStart = fromStudy == null;
      Page ended =
          database.read(
              "reading history entries' blob references",
              c -> {
                try (PreparedStatement s =
                    c.prepareStatement(
                        "select study_id, seq, body from study_history"
                            + (fromStart ? "" : " where study_id > ? or (study_id = ? and seq > ?)")
                            + " order by study_id, seq limit "
                            + page)) {
                  if (!fromStart) {
                    dialect.setId(s, 1, fromStudy);
                    dialect.setId(s, 2, fromStudy);
                    s.setLong(3, fromSeq);
                  }
                  Page read = new Page();
                  try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                      read.rows++;
                      read.lastId = dialect.getId(rows, "study_id");
                      read.lastSeq = rows.getLong("seq");
                      Matcher uris = BLOB_URI.matcher(rows.getString("body"));
                      while (uris.find()) {
                        read.found.add(
                            new ReferencedBlob(
                                uris.group(1),
                                "study_history " + read.lastId + "/" + read.lastSeq));
                      }
                    }
                  }
                  return read;
                }
              });
      ended.found.forEach(each); // outside the read: the caller may ask a remote store
      if (ended.rows < page) {
        return;
      }
      afterStudy = ended.lastId;
      afterSeq = ended.lastSeq;
    }
  }

  private void retainedRequests(Consumer<ReferencedBlob> each) {
    Dialect dialect = database.dialect();
    UUID after = null;
    while (true) {
      UUID from = after;
      Page ended =
          database.read(
              "reading retained requests' blob references",
              c -> {
                try (PreparedStatement s =
                    c.prepareStatement(
                        "select id, payload_ref from step"
                            + " where payload_ref is not null and payload_purged_at is null"
                            + (from == null ? "" : " and id > ?")
                            + " order by id limit "
                            + page)) {
                  if (from != null) {
                    dialect.setId(s, 1, from);
                  }
                  Page read = new Page();
                  try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                      read.rows++;
                      read.lastId = dialect.getId(rows, "id");
                      name(rows.getString("payload_ref"))
                          .ifPresent(
                              n -> read.found.add(new ReferencedBlob(n, "step " + read.lastId)));
                    }
                  }
                  return read;
                }
              });
      ended.found.forEach(each); // outside the read: the caller may ask a remote store
      if (ended.rows < page) {
        return;
      }
      after = ended.lastId;
    }
  }

  private void deadLetters(Consumer<ReferencedBlob> each) {
    long after = Long.MIN_VALUE;
    while (true) {
      long from = after;
      Page ended =
          database.read(
              "reading dead letters' blob references",
              c -> {
                try (PreparedStatement s =
                    c.prepareStatement(
                        "select id, raw_sha256 from dead_letter where id > ? order by id limit "
                            + page)) {
                  s.setLong(1, from);
                  Page read = new Page();
                  try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                      read.rows++;
                      read.lastSeq = rows.getLong("id");
                      long id = read.lastSeq;
                      name(rows.getString("raw_sha256"))
                          .ifPresent(
                              n -> read.found.add(new ReferencedBlob(n, "dead_letter " + id)));
                    }
                  }
                  return read;
                }
              });
      ended.found.forEach(each); // outside the read: the caller may ask a remote store
      if (ended.rows < page) {
        return;
      }
      after = ended.lastSeq;
    }
  }

  /** A stored name, with or without the {@code blob://sha256/} prefix; anything else is no blob. */
  private static Optional<String> name(String stored) {
    String name = stored.startsWith("blob://sha256/") ? stored.substring(14) : stored;
    return NAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
  }

  /** A page read: its references, its row count and its last key. */
  private static final class Page {
    final List<ReferencedBlob> found = new ArrayList<>();
    int rows;
    UUID lastId;
    long lastSeq; // a history entry's seq, or a dead letter's id
  }
}
