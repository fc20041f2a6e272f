package org.radflow.lifecycle.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.radflow.db.Database;
import org.radflow.db.Dialect;
import org.radflow.lifecycle.StudyCounts;
import org.radflow.study.AdministrativeState;
import org.radflow.study.ClinicalState;
import org.radflow.study.DistributionState;
import org.radflow.study.EndToEndStatus;
import org.radflow.study.ImagingState;
import org.radflow.study.Track;
import org.radflow.study.TrackState;

/**
 * How many studies are where, for the console's overview. Every count is served by an index (V1,
 * V12), so it costs index pages, not study rows: the status and track columns are read together
 * from the covering index study_states in one pass.
 */
final class StudyCounting {

  /** The statuses a study ends its workflow in. */
  private static final String COMPLETE = "('CLINICALLY_COMPLETE', 'FINANCIALLY_COMPLETE')";

  private final Database reads;
  private final Dialect dialect;

  StudyCounting(Database reads, Dialect dialect) {
    this.reads = reads;
    this.dialect = dialect;
  }

  StudyCounts counts(Instant since) {
    return reads.read(
        "count studies",
        c -> {
          Map<EndToEndStatus.Kind, Long> byStatus = new EnumMap<>(EndToEndStatus.Kind.class);
          for (EndToEndStatus.Kind kind : EndToEndStatus.Kind.values()) {
            byStatus.put(kind, 0L);
          }
          Map<Track, Map<TrackState, Long>> byTrackState = new EnumMap<>(Track.class);
          for (Track track : Track.values()) {
            Map<TrackState, Long> states = new LinkedHashMap<>();
            for (TrackState state : statesOf(track)) {
              states.put(state, 0L);
            }
            byTrackState.put(track, states);
          }
          long total = 0;
          try (PreparedStatement s =
                  c.prepareStatement(
                      "select status_index, clinical_state, imaging_state, administrative_state,"
                          + " distribution_state, count(*) from study group by status_index,"
                          + " clinical_state, imaging_state, administrative_state,"
                          + " distribution_state");
              ResultSet r = s.executeQuery()) {
            while (r.next()) {
              long studies = r.getLong(6);
              total += studies;
              byStatus.merge(EndToEndStatus.Kind.valueOf(r.getString(1)), studies, Long::sum);
              int column = 2;
              for (Track track : Track.values()) {
                byTrackState
                    .get(track)
                    .merge(TrackState.parse(track, r.getString(column++)), studies, Long::sum);
              }
            }
          }
          return new StudyCounts(
              total,
              byStatus,
              byTrackState,
              since,
              count(c, "select count(*) from study where created_at >= ?", since),
              count(
                  c,
                  "select count(*) from study where status_index in "
                      + COMPLETE
                      + " and updated_at >= ?",
                  since));
        });
  }

  private long count(Connection c, String sql, Instant since) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      dialect.setInstant(s, 1, since);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private static TrackState[] statesOf(Track track) {
    return switch (track) {
      case CLINICAL -> ClinicalState.values();
      case IMAGING -> ImagingState.values();
      case ADMINISTRATIVE -> AdministrativeState.values();
      case DISTRIBUTION -> DistributionState.values();
    };
  }
}
