package org.radflow.lifecycle;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.radflow.study.EndToEndStatus;
import org.radflow.study.Track;
import org.radflow.study.TrackState;

/**
 * How many studies are where, for an overview: committed state at one moment.
 *
 * @param total every study in the store
 * @param byStatus studies per end-to-end status; every kind present, zero when none
 * @param byTrackState per track, studies per state of that track; every track and every state
 *     present, in the track's declared order, zero when none
 * @param since the start of the window the two counts below look at
 * @param openedSince studies created at or after {@code since}
 * @param completedSince studies complete now (clinically or financially) whose last change was at
 *     or after {@code since}: a study that completed earlier and changed again since counts, one
 *     that completed since and then changed to another status does not
 */
public record StudyCounts(
    long total,
    Map<EndToEndStatus.Kind, Long> byStatus,
    Map<Track, Map<TrackState, Long>> byTrackState,
    Instant since,
    long openedSince,
    long completedSince) {

  public StudyCounts {
    // copies that keep the declared order, for an overview that lists them as they are declared
    Map<EndToEndStatus.Kind, Long> statuses = new EnumMap<>(EndToEndStatus.Kind.class);
    statuses.putAll(byStatus);
    byStatus = Collections.unmodifiableMap(statuses);
    Map<Track, Map<TrackState, Long>> tracks = new EnumMap<>(Track.class);
    byTrackState.forEach(
        (track, states) ->
            tracks.put(track, Collections.unmodifiableMap(new LinkedHashMap<>(states))));
    byTrackState = Collections.unmodifiableMap(tracks);
  }
}
