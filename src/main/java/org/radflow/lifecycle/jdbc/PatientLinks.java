package org.radflow.lifecycle.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.radflow.db.Dialect;
import org.radflow.study.PatientRef;

/**
 * Which patient identity survived a merge. A message naming a retired identity (a sender that has
 * not caught up with the merge) is about the survivor; following the links, not the message, keeps
 * new studies with the patient's current identity.
 */
final class PatientLinks {

  /** A merge chain longer than this is a loop in the data, not a patient's history. */
  private static final int MAX_CHAIN = 32;

  private final Dialect dialect;

  PatientLinks(Dialect dialect) {
    this.dialect = dialect;
  }

  /**
   * Records that {@code retired} now lives on as {@code surviving}. A merge the other way round (an
   * unmerge followed by a merge into the former retiree) replaces the old link, so no chain ever
   * loops.
   */
  void link(Connection c, PatientRef retired, PatientRef surviving, Instant at)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "delete from patient_link where retired_authority = ? and retired_id = ?")) {
      for (PatientRef ref : new PatientRef[] {retired, surviving}) {
        s.setString(1, ref.assigningAuthority());
        s.setString(2, ref.id());
        s.executeUpdate();
      }
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into patient_link (retired_authority, retired_id, surviving_authority,"
                + " surviving_id, merged_at) values (?, ?, ?, ?, ?)")) {
      s.setString(1, retired.assigningAuthority());
      s.setString(2, retired.id());
      s.setString(3, surviving.assigningAuthority());
      s.setString(4, surviving.id());
      dialect.setInstant(s, 5, at);
      s.executeUpdate();
    }
  }

  /** The identity {@code patient} lives on as today: itself when it was never retired. */
  PatientRef survivorOf(Connection c, PatientRef patient) throws SQLException {
    PatientRef current = patient;
    Set<PatientRef> seen = new HashSet<>();
    while (seen.add(current) && seen.size() <= MAX_CHAIN) {
      Optional<PatientRef> next = next(c, current);
      if (next.isEmpty()) {
        return current;
      }
      current = next.get();
    }
    throw new SQLException(
        "patient links of " + patient + " loop or exceed " + MAX_CHAIN + " merges", "22000");
  }

  private static Optional<PatientRef> next(Connection c, PatientRef retired) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select surviving_authority, surviving_id from patient_link"
                + " where retired_authority = ? and retired_id = ?")) {
      s.setString(1, retired.assigningAuthority());
      s.setString(2, retired.id());
      try (ResultSet r = s.executeQuery()) {
        return r.next()
            ? Optional.of(new PatientRef(r.getString(1), r.getString(2)))
            : Optional.empty();
      }
    }
  }
}
