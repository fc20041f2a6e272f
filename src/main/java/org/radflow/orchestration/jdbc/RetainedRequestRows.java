package org.radflow.orchestration.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.radflow.db.Database;
import org.radflow.db.Dialect;
import org.radflow.lifecycle.StepPayloads;
import org.radflow.orchestration.ClaimedStep;

/**
 * The step columns that say where a national step's retained request is: replaced when a package is
 * re-bound, and marked purged once the blob is deleted.
 */
final class RetainedRequestRows {

  private final Database database;
  private final Dialect dialect;

  RetainedRequestRows(Database database) {
    this.database = database;
    this.dialect = database.dialect();
  }

  boolean retainAgain(ClaimedStep step, StepPayloads.Retained retained, Instant now) {
    return database.write(
        "retain the request of step " + step.id() + " again",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update step set payload_ref = ?, payload_key = ?, payload_size = ?,"
                      + " updated_at = ? where id = ? and fence = ? and status = 'RUNNING'")) {
            s.setString(1, retained.blobRef());
            s.setString(2, retained.keyId());
            s.setInt(3, retained.size());
            dialect.setInstant(s, 4, now);
            dialect.setId(s, 5, step.id());
            s.setLong(6, step.fence());
            return s.executeUpdate() == 1;
          }
        });
  }

  /**
   * A blob is deleted only when every step that references it is done and past its retention: a
   * lookup's search keys serve every identity check of the study that was written with them.
   */
  int purge(Instant succeededBefore, int limit, Consumer<String> delete, Instant now) {
    List<String> refs =
        database.read(
            "find retained requests past their retention",
            c -> {
              List<String> found = new ArrayList<>();
              try (PreparedStatement s =
                  c.prepareStatement(
                      "select distinct s.payload_ref from step s where s.payload_ref is not null"
                          + " and s.payload_purged_at is null"
                          + " and s.status in ('SUCCEEDED', 'CANCELLED')"
                          + " and s.completed_at < ? and not exists (select 1 from step o"
                          + " where o.payload_ref = s.payload_ref and o.payload_purged_at is null"
                          + " and (o.status not in ('SUCCEEDED', 'CANCELLED')"
                          + " or o.completed_at >= ?)) limit ?")) {
                dialect.setInstant(s, 1, succeededBefore);
                dialect.setInstant(s, 2, succeededBefore);
                s.setInt(3, limit);
                try (ResultSet r = s.executeQuery()) {
                  while (r.next()) {
                    found.add(r.getString(1));
                  }
                }
              }
              return found;
            });
    int purged = 0;
    for (String ref : refs) {
      delete.accept(ref); // first the blob: a crash in between leaves a mark to retry, not a blob
      purged +=
          database.write(
              "mark retained request " + ref + " purged",
              c -> {
                try (PreparedStatement s =
                    c.prepareStatement(
                        "update step set payload_purged_at = ? where payload_ref = ?"
                            + " and payload_purged_at is null")) {
                  dialect.setInstant(s, 1, now);
                  s.setString(2, ref);
                  return s.executeUpdate() > 0 ? 1 : 0;
                }
              });
    }
    return purged;
  }
}
