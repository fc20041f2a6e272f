package org.radflow.study;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one rule for news that comes late: a transition whose effect the study already shows is an
 * observation, recorded in the history and answered "already known", never refused for its lateness
 * (the PACS's storage commitment after radflow's own step committed the images).
 *
 * <p>A transition is an observation when it is one of {@link #OBSERVABLE} and its track's current
 * state is at or past the state it reaches on that track's {@link #MAIN_PATH}. Both conditions are
 * narrow on purpose:
 *
 * <ul>
 *   <li>Only transitions that report a fact another system can see happen qualify: identity
 *       validated, procedure scheduled, acquisition started and completed, images committed, and
 *       the administrative steps of charge, claim and reconciliation. Reports never do — a report
 *       is authored content, and one that arrives after the study passed it is different content,
 *       to be sent as an amendment. Cancellations, rejections, exceptions, write-offs, amendments,
 *       compensations and the distribution of the report (radflow is its only publisher) never do.
 *   <li>A track in a side state (cancelled, an exception, written off) is on no main path. It knows
 *       only what every way into it passed, read from the transition table: a claim exception is
 *       entered only from a submitted claim, so a late "charge posted" there is already known; a
 *       cancelled study may have been cancelled straight after its order, so a late acquisition for
 *       it stays refused.
 * </ul>
 *
 * <p>An observation <em>contradicts</em> the study when it carries an identifying value the study
 * also holds, with another value: today only {@code studyInstanceUid} in the transition's data
 * against the study's attribute of that name (set from the order's IPC segment, the imaging event a
 * study joined with, or the request that opened it). A contradiction is refused as {@link
 * Decision.Refusal#CONTRADICTS}, naming both values.
 */
final class Observations {

  /** The transitions that can be observations. */
  static final Set<TransitionType> OBSERVABLE =
      Set.of(
          TransitionType.IDENTITY_VALIDATED,
          TransitionType.PROCEDURE_SCHEDULED,
          TransitionType.ACQUISITION_STARTED,
          TransitionType.ACQUISITION_COMPLETED,
          TransitionType.IMAGES_COMMITTED,
          TransitionType.CHARGE_SEEDED,
          TransitionType.CLAIM_SUBMITTED,
          TransitionType.CLAIM_ACCEPTED,
          TransitionType.FINANCIALLY_RECONCILED);

  /** Each track's main path, in order; side states are on none. */
  static final Map<Track, List<TrackState>> MAIN_PATH =
      Map.of(
          Track.CLINICAL,
          List.of(
              ClinicalState.ORDER_RECEIVED,
              ClinicalState.IDENTITY_VALIDATED,
              ClinicalState.PROCEDURE_SCHEDULED),
          Track.IMAGING,
          List.of(
              ImagingState.NOT_STARTED,
              ImagingState.ACQUISITION_IN_PROGRESS,
              ImagingState.ACQUISITION_COMPLETE,
              ImagingState.IMAGES_COMMITTED,
              ImagingState.REPORT_PRELIMINARY,
              ImagingState.REPORT_FINALISED,
              ImagingState.REPORT_AMENDED),
          Track.ADMINISTRATIVE,
          List.of(
              AdministrativeState.NOT_STARTED,
              AdministrativeState.CHARGE_SEEDED,
              AdministrativeState.CLAIM_SUBMITTED,
              AdministrativeState.CLAIM_ACCEPTED,
              AdministrativeState.FINANCIALLY_RECONCILED),
          Track.DISTRIBUTION,
          List.of());

  /** The data keys that identify what was observed, compared with the study's attributes. */
  static final List<String> IDENTIFYING = List.of("studyInstanceUid");

  private Observations() {}

  /** Whether the study already shows what this transition would do: its track is at or past. */
  static boolean alreadyShown(Study study, TransitionType type) {
    if (!OBSERVABLE.contains(type)) {
      return false;
    }
    List<TrackState> path = MAIN_PATH.get(type.track());
    int reaches = path.indexOf(type.to());
    int current = passed(study.state(type.track()), path);
    return reaches >= 0 && current >= reaches;
  }

  /**
   * How far along {@code path} a track in {@code state} has certainly come: its own position on the
   * path, or, for a side state, the earliest main-path state any transition into it leaves from; -1
   * when a way into it leaves from another side state or nothing leads into it.
   */
  static int passed(TrackState state, List<TrackState> path) {
    int own = path.indexOf(state);
    if (own >= 0) {
      return own;
    }
    int earliest = Integer.MAX_VALUE;
    for (TransitionType into : TransitionType.values()) {
      if (into.to() != state) {
        continue;
      }
      for (TrackState from : into.from()) {
        int position = path.indexOf(from);
        if (position < 0) {
          return -1;
        }
        earliest = Math.min(earliest, position);
      }
    }
    return earliest == Integer.MAX_VALUE ? -1 : earliest;
  }

  /**
   * The contradiction between an observation and the study, in words naming both values; empty when
   * the observation agrees with all the study holds.
   */
  static Optional<String> contradiction(Study study, Transition observation) {
    for (String key : IDENTIFYING) {
      String observed = observation.data().get(key);
      String known = study.attributes().get(key);
      if (observed != null && known != null && !observed.equals(known)) {
        return Optional.of(
            observation.type()
                + " names "
                + key
                + " "
                + observed
                + " but study "
                + study.id()
                + " has "
                + key
                + " "
                + known
                + "; the observation contradicts the study and was not recorded");
      }
    }
    return Optional.empty();
  }
}
