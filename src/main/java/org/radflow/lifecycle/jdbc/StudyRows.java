package org.radflow.lifecycle.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.radflow.db.Dialect;
import org.radflow.study.AdministrativeState;
import org.radflow.study.BusinessKey;
import org.radflow.study.ClinicalState;
import org.radflow.study.DistributionState;
import org.radflow.study.EntryKind;
import org.radflow.study.ImagingState;
import org.radflow.study.PatientRef;
import org.radflow.study.Study;
import org.radflow.study.StudyId;

/**
 * Reads study rows into model values, through the version-keyed {@link StudyCache}. Shared by the
 * store's commands and its queries so a study is decoded in exactly one way.
 */
final class StudyRows {

  private final Dialect dialect;
  private final StudyCache cache = new StudyCache(4096);

  StudyRows(Dialect dialect) {
    this.dialect = dialect;
  }

  /** Remembers a study that has just been committed. */
  void committed(Study study) {
    cache.put(study);
  }

  /**
   * The latest committed version of the study this node has seen, or null: current unless another
   * transaction has changed it since, which a write checks by its version.
   */
  Study cached(StudyId id) {
    return cache.latest(id);
  }

  Optional<Study> load(Connection c, StudyId id, boolean forUpdate) throws SQLException {
    String sql = "select s.* from study s where s.id = ?" + (forUpdate ? dialect.lockClause() : "");
    try (PreparedStatement s = c.prepareStatement(sql)) {
      dialect.setId(s, 1, id.value());
      try (ResultSet rows = s.executeQuery()) {
        return rows.next() ? Optional.of(study(rows, !forUpdate)) : Optional.empty();
      }
    }
  }

  Optional<Study> loadByBusinessKey(Connection c, BusinessKey key, boolean forUpdate)
      throws SQLException {
    String sql =
        "select s.* from study s where s.assigning_authority = ? and s.accession_number = ?"
            + (forUpdate ? dialect.lockClause() : "");
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, key.assigningAuthority());
      s.setString(2, key.accessionNumber());
      try (ResultSet rows = s.executeQuery()) {
        return rows.next() ? Optional.of(study(rows, !forUpdate)) : Optional.empty();
      }
    }
  }

  /** The id of the study with this business key, without decoding the study. */
  Optional<StudyId> idOf(Connection c, BusinessKey key) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select id from study where assigning_authority = ? and accession_number = ?")) {
      s.setString(1, key.assigningAuthority());
      s.setString(2, key.accessionNumber());
      try (ResultSet found = s.executeQuery()) {
        return found.next()
            ? Optional.of(new StudyId(dialect.getId(found, "id")))
            : Optional.empty();
      }
    }
  }

  /**
   * The study in the current row.
   *
   * @param committed whether the row is known to be committed. Inside a write transaction it may be
   *     another command's uncommitted write (SQLite commits commands in groups), so it may be
   *     served from the cache but never put into it.
   */
  Study study(ResultSet rows, boolean committed) throws SQLException {
    StudyId id = new StudyId(dialect.getId(rows, "id"));
    long version = rows.getLong("version");
    Study cached = cache.at(id, version);
    if (cached != null) {
      return cached;
    }
    Study decoded = decode(id, version, rows);
    if (committed) {
      cache.put(decoded);
    }
    return decoded;
  }

  private Study decode(StudyId id, long version, ResultSet rows) throws SQLException {
    StudyJson.Detail detail = StudyJson.detail(rows.getString("detail"));
    return new Study(
        id,
        new BusinessKey(rows.getString("assigning_authority"), rows.getString("accession_number")),
        new PatientRef(rows.getString("patient_authority"), rows.getString("patient_id")),
        EntryKind.valueOf(rows.getString("entry_kind")),
        ClinicalState.valueOf(rows.getString("clinical_state")),
        ImagingState.valueOf(rows.getString("imaging_state")),
        AdministrativeState.valueOf(rows.getString("administrative_state")),
        DistributionState.valueOf(rows.getString("distribution_state")),
        detail.attributes(),
        detail.facts(),
        detail.held(),
        detail.exceptions(),
        detail.mergedFrom(),
        detail.compensationRequested(),
        version,
        detail.createdAt(),
        detail.updatedAt());
  }
}
