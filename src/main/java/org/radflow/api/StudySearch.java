package org.radflow.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.radflow.lifecycle.StudyQuery;
import org.radflow.study.AdministrativeState;
import org.radflow.study.ClinicalState;
import org.radflow.study.DistributionState;
import org.radflow.study.EndToEndStatus;
import org.radflow.study.ImagingState;
import org.radflow.study.PatientRef;
import org.radflow.study.Track;
import org.radflow.study.TrackState;

/**
 * Search parameters as they arrive in a query string, turned into a {@link StudyQuery}. Criteria
 * that only mean something together (a patient id and its authority, a state and its track) are
 * refused alone, naming the missing partner and the values allowed.
 */
public final class StudySearch {

  private StudySearch() {}

  /** The longest age a search can ask for: a century, so the arithmetic on it cannot overflow. */
  static final long MAX_AGE_SECONDS = 100L * 366 * 24 * 3600;

  /** The criteria besides accession, patient, status and track state; each may be null. */
  public record MoreCriteria(
      String placerOrder,
      String placerOrderAuthority,
      String fillerOrder,
      String fillerOrderAuthority,
      String service,
      Long olderThanSeconds) {}

  public static StudyQuery query(
      String accession,
      String patientAuthority,
      String patientId,
      EndToEndStatus.Kind status,
      Track track,
      String state,
      MoreCriteria more,
      Instant now,
      int offset,
      int limit) {
    Fields.parameter(accession, "accession", Fields.IDENTIFIER);
    Fields.parameter(patientAuthority, "patientAuthority", Fields.IDENTIFIER);
    Fields.parameter(patientId, "patientId", Fields.IDENTIFIER);
    Fields.parameter(state, "state", Fields.IDENTIFIER);
    StudyQuery.OrderMatch placer =
        order(more.placerOrder(), "placerOrder", more.placerOrderAuthority());
    StudyQuery.OrderMatch filler =
        order(more.fillerOrder(), "fillerOrder", more.fillerOrderAuthority());
    String service = blankToNull(more.service());
    Instant createdBefore =
        more.olderThanSeconds() == null
            ? null
            : now.minusSeconds(
                Fields.range(more.olderThanSeconds(), "olderThanSeconds", 0, MAX_AGE_SECONDS));
    try {
      return new StudyQuery(
          blankToNull(accession),
          patient(blankToNull(patientAuthority), blankToNull(patientId)),
          status,
          trackState(track, blankToNull(state)),
          placer,
          filler,
          service == null ? null : ServiceController.service(service),
          createdBefore,
          offset,
          limit);
    } catch (IllegalArgumentException e) {
      String parameter = e.getMessage().startsWith("offset") ? "offset" : "limit";
      throw new ApiProblem(ProblemType.INVALID_PARAMETER, e.getMessage())
          .with("parameter", parameter);
    }
  }

  private static StudyQuery.OrderMatch order(String number, String parameter, String authority) {
    Fields.parameter(number, parameter, Fields.IDENTIFIER);
    Fields.parameter(authority, parameter + "Authority", Fields.IDENTIFIER);
    if (blankToNull(number) == null) {
      if (blankToNull(authority) != null) {
        throw new ApiProblem(
                ProblemType.INVALID_PARAMETER,
                parameter + "Authority needs " + parameter + ": give the number it assigned")
            .with("parameter", parameter);
      }
      return null;
    }
    return new StudyQuery.OrderMatch(blankToNull(number), blankToNull(authority));
  }

  private static PatientRef patient(String authority, String id) {
    if (authority == null && id == null) {
      return null;
    }
    if (authority == null || id == null) {
      throw new ApiProblem(
              ProblemType.INVALID_PARAMETER,
              "patientAuthority and patientId go together: a patient id means nothing without"
                  + " its assigning authority")
          .with("parameter", authority == null ? "patientAuthority" : "patientId");
    }
    try {
      return new PatientRef(authority, id);
    } catch (IllegalArgumentException e) {
      throw new ApiProblem(ProblemType.INVALID_PARAMETER, e.getMessage())
          .with(
              "parameter",
              e.getMessage().startsWith("patient.id") ? "patientId" : "patientAuthority");
    }
  }

  private static TrackState trackState(Track track, String state) {
    if (track == null && state == null) {
      return null;
    }
    if (track == null) {
      throw new ApiProblem(
              ProblemType.INVALID_PARAMETER,
              "state needs track: name the track the state '" + state + "' belongs to")
          .with("parameter", "track")
          .with("allowedValues", Arrays.stream(Track.values()).map(Track::name).toList());
    }
    List<String> allowed = Arrays.stream(statesOf(track)).map(TrackState::name).toList();
    if (state == null || !allowed.contains(state)) {
      String what = state == null ? "track needs state" : "'" + state + "' is not a state";
      throw new ApiProblem(
              ProblemType.INVALID_PARAMETER,
              what + " of the " + track + " track; its states are " + allowed)
          .with("parameter", "state")
          .with("allowedValues", allowed);
    }
    return TrackState.parse(track, state);
  }

  /** The names of a track's states, in track order: what {@code state} may be for it. */
  public static List<String> stateNames(Track track) {
    return Arrays.stream(statesOf(track)).map(TrackState::name).toList();
  }

  /** A status named in a query string, or null when blank; an unknown name is refused. */
  public static EndToEndStatus.Kind status(String name) {
    return Choices.of(EndToEndStatus.Kind.class, "status", name);
  }

  /** A track named in a query string, or null when blank; an unknown name is refused. */
  public static Track track(String name) {
    return Choices.of(Track.class, "track", name);
  }

  private static TrackState[] statesOf(Track track) {
    return switch (track) {
      case CLINICAL -> ClinicalState.values();
      case IMAGING -> ImagingState.values();
      case ADMINISTRATIVE -> AdministrativeState.values();
      case DISTRIBUTION -> DistributionState.values();
    };
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
