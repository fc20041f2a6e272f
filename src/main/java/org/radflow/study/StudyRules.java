package org.radflow.study;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides what a command does to a study: apply it, hold it until its prerequisite arrives, or
 * refuse it with a reason. Pure: the same study and command always give the same decision.
 *
 * <p>A transition whose effect the study already shows is recorded as an observation and moves
 * nothing ({@link Observations}): arriving late is no more a reason to refuse than arriving early.
 *
 * <p>After every applied transition the held ones are tried again in causal order (business time,
 * then arrival), so a final report held for its images applies in the same commit as the images.
 */
public final class StudyRules {

  private static final Map<Track, Map<TrackState, Set<TrackState>>> REACHABLE = reachability();

  private static final Comparator<HeldTransition> CAUSAL_ORDER =
      Comparator.comparing((HeldTransition h) -> h.transition().businessTime())
          .thenComparing(h -> h.transition().recordTime());

  private final Duration holdLimit;

  /**
   * @param holdLimit how long an early transition is held for its prerequisite before the study
   *     goes to the exception lane
   */
  public StudyRules(Duration holdLimit) {
    Require.present(holdLimit, "holdLimit");
    if (holdLimit.isNegative() || holdLimit.isZero()) {
      throw new IllegalArgumentException("holdLimit must be positive, was " + holdLimit);
    }
    this.holdLimit = holdLimit;
  }

  public Duration holdLimit() {
    return holdLimit;
  }

  /** Opens a study, refusing a late join at a state its entry kind cannot join at. */
  public Decision create(NewStudy command) {
    if (!command.entryKind().canJoinAt(command.joinedAt())) {
      return new Decision.Refused(
          Decision.Refusal.INVALID,
          "a "
              + command.entryKind()
              + " study cannot join at "
              + command.joinedAt()
              + "; it joins at one of "
              + command.entryKind().joinableAt());
    }
    Change created = new Change.Created(command);
    return new Decision.Accepted(Decision.Outcome.APPLIED, List.of(created), Study.open(command));
  }

  /** Decides a transition against the study's current state. */
  public Decision decide(Study study, Transition transition) {
    // A hold whose deadline passed expires now, whether or not the sweep has come by: a
    // prerequisite that arrives late does not release what already timed out.
    List<Change> changes = new ArrayList<>(expireHolds(study, transition.recordTime()));
    Study current = study;
    for (Change expired : changes) {
      current = current.evolve(expired);
    }
    Verdict verdict = judge(current, transition);
    if (verdict instanceof Verdict.Refuse refuse) {
      return new Decision.Refused(refuse.refusal(), refuse.message());
    }
    if (verdict instanceof Verdict.Observe) {
      Change observed = new Change.Observed(transition, transition.recordTime(), false);
      changes.add(observed);
      return new Decision.Accepted(
          Decision.Outcome.ALREADY_KNOWN, changes, current.evolve(observed));
    }
    if (verdict instanceof Verdict.Early early) {
      HeldTransition held =
          new HeldTransition(transition, early.awaiting(), transition.recordTime().plus(holdLimit));
      Change change = new Change.Held(held);
      changes.add(change);
      return new Decision.Accepted(Decision.Outcome.HELD, changes, current.evolve(change));
    }
    Change applied = new Change.Applied(transition, transition.recordTime(), false);
    changes.add(applied);
    Study after = releaseHeld(current.evolve(applied), transition.recordTime(), changes);
    return new Decision.Accepted(Decision.Outcome.APPLIED, changes, after);
  }

  /**
   * Moves every held transition whose deadline is at or before {@code now} to the exception lane.
   * Returns no changes when none is due.
   */
  public List<Change> expireHolds(Study study, Instant now) {
    List<Change> changes = new ArrayList<>();
    for (HeldTransition h : study.held()) {
      if (!h.deadline().isAfter(now)) {
        changes.add(new Change.HoldExpired(h.transition(), h.awaiting(), now));
      }
    }
    return changes;
  }

  private Study releaseHeld(Study study, Instant at, List<Change> changes) {
    boolean progressed = true;
    while (progressed) {
      progressed = false;
      List<HeldTransition> inOrder = new ArrayList<>(study.held());
      inOrder.sort(CAUSAL_ORDER);
      for (HeldTransition h : inOrder) {
        Verdict verdict = judge(study, h.transition());
        Change change = null;
        if (verdict instanceof Verdict.Apply) {
          change = new Change.Applied(h.transition(), at, true);
        } else if (verdict instanceof Verdict.Observe) {
          change = new Change.Observed(h.transition(), at, true);
        } else if (verdict instanceof Verdict.Refuse refuse) {
          change =
              new Change.HoldRefused(
                  h.transition(),
                  "held "
                      + h.transition().type()
                      + " ("
                      + h.transition().idempotencyKey()
                      + ") can no longer apply: "
                      + refuse.message(),
                  at);
        }
        if (change != null) {
          changes.add(change);
          study = study.evolve(change);
          progressed = true;
          break;
        }
      }
    }
    return study;
  }

  private sealed interface Verdict {
    record Apply() implements Verdict {}

    /** The study already shows it: recorded as an observation, no track moves. */
    record Observe() implements Verdict {}

    record Early(TrackState awaiting) implements Verdict {}

    record Refuse(Decision.Refusal refusal, String message) implements Verdict {}
  }

  /**
   * Whether a revalidation asked for names, as {@code statedIhi}, the usable IHI the study holds.
   */
  private static boolean namesTheValidatedIhi(Study study, Transition transition) {
    String stated = transition.data().get("statedIhi");
    return stated != null
        && study
            .nationalIdentity()
            .filter(NationalIdentity::usable)
            .filter(identity -> !identity.revalidating())
            .map(identity -> stated.equals(identity.ihi()))
            .orElse(false);
  }

  private static Verdict judge(Study study, Transition transition) {
    TransitionType type = transition.type();
    switch (type) {
      case PATIENT_MERGED -> {
        return judgeMerge(study, transition);
      }
      case STEP_COMPLETED, COMPENSATION_REQUESTED, ORDER_CHANGED -> {
        return new Verdict.Apply(); // an effect that happened is recorded, whatever the state
      }
      case EXCEPTION_RAISED -> {
        return judgeRaise(transition);
      }
      case IDENTITY_REVALIDATION_REQUESTED, IDENTITY_REVALIDATED, IDENTITY_INVALIDATED -> {
        // these speak of an identity radflow validated before; the first validation moves a track
        if (type == TransitionType.IDENTITY_REVALIDATION_REQUESTED
            && namesTheValidatedIhi(study, transition)) {
          return new Verdict.Observe(); // a message naming the IHI radflow holds asks nothing
        }
        return study.hasObserved(ClinicalState.IDENTITY_VALIDATED)
            ? new Verdict.Apply()
            : new Verdict.Refuse(
                Decision.Refusal.ILLEGAL_TRANSITION,
                type
                    + " needs an identity radflow validated before; this study's first"
                    + " validation is IDENTITY_VALIDATED");
      }
      case EXCEPTION_RESOLVED -> {
        return judgeResolve(study, transition);
      }
      default -> {}
    }
    TrackState current = study.state(type.track());
    if (type.from().contains(current)) {
      return guard(study, type);
    }
    if (Observations.alreadyShown(study, type)) {
      return Observations.contradiction(study, transition)
          .<Verdict>map(both -> new Verdict.Refuse(Decision.Refusal.CONTRADICTS, both))
          .orElseGet(Verdict.Observe::new);
    }
    if (!study.isCancelled()) {
      for (TrackState required : type.from()) {
        if (canReach(study, current, required)) {
          return new Verdict.Early(earliest(study, current, type.from()));
        }
      }
    }
    return new Verdict.Refuse(
        Decision.Refusal.ILLEGAL_TRANSITION,
        type
            + " cannot follow "
            + current
            + " on the "
            + type.track().name().toLowerCase()
            + " track"
            + (study.isCancelled() ? " of a cancelled study" : "")
            + "; it follows only "
            + sorted(type.from()));
  }

  private static Verdict guard(Study study, TransitionType type) {
    if (type == TransitionType.STUDY_CANCELLED && study.imaging().isReported()) {
      return new Verdict.Refuse(
          Decision.Refusal.ILLEGAL_TRANSITION,
          "a study with a final report cannot be cancelled; amend the report instead");
    }
    if (type == TransitionType.APPOINTMENT_CANCELLED
        && study.imaging() != ImagingState.NOT_STARTED) {
      return new Verdict.Refuse(
          Decision.Refusal.ILLEGAL_TRANSITION,
          "the procedure has started (imaging is "
              + study.imaging()
              + "); its appointment can no longer be cancelled, cancel the order instead");
    }
    if (type == TransitionType.REPORT_SUPERSEDED
        && study.imaging() != ImagingState.REPORT_AMENDED) {
      return new Verdict.Refuse(
          Decision.Refusal.ILLEGAL_TRANSITION,
          "REPORT_SUPERSEDED needs an amended report; imaging is " + study.imaging());
    }
    for (Obligation obligation : study.openObligations()) {
      if (obligation.guards().contains(type)) {
        return new Verdict.Refuse(
            Decision.Refusal.OBLIGATION_UNMET,
            type
                + " refused: "
                + obligation.description()
                + " (the study joined as "
                + study.entryKind()
                + " and its identity is not validated yet)");
      }
    }
    return new Verdict.Apply();
  }

  private static Verdict judgeMerge(Study study, Transition transition) {
    PatientRef surviving =
        new PatientRef(
            transition.data().get("survivingAuthority"), transition.data().get("survivingId"));
    if (surviving.equals(study.patient())) {
      return new Verdict.Refuse(
          Decision.Refusal.INVALID,
          "the study already belongs to patient " + surviving + "; nothing to merge");
    }
    return new Verdict.Apply();
  }

  private static Verdict judgeRaise(Transition transition) {
    String kind = transition.data().get("kind");
    for (OpenException.Kind known : OpenException.Kind.values()) {
      if (known.name().equals(kind)) {
        return new Verdict.Apply();
      }
    }
    return new Verdict.Refuse(
        Decision.Refusal.INVALID,
        "unknown exception kind '"
            + kind
            + "'; one of "
            + java.util.Arrays.toString(OpenException.Kind.values()));
  }

  private static Verdict judgeResolve(Study study, Transition transition) {
    String id = transition.data().get("exception");
    long number;
    try {
      number = Long.parseLong(id);
    } catch (NumberFormatException e) {
      return new Verdict.Refuse(
          Decision.Refusal.INVALID, "data.exception must be an exception id, was '" + id + "'");
    }
    if (study.exception(number).isEmpty()) {
      return new Verdict.Refuse(
          Decision.Refusal.INVALID,
          "study " + study.id() + " has no open exception " + number + " to resolve");
    }
    return new Verdict.Apply();
  }

  /** The first required state on the way from {@code current}, for telling a person what waits. */
  private static TrackState earliest(Study study, TrackState current, Set<TrackState> required) {
    return required.stream()
        .filter(r -> canReach(study, current, r))
        .min(Comparator.comparingInt(r -> ((Enum<?>) r).ordinal()))
        .orElseThrow();
  }

  private static boolean canReach(Study study, TrackState from, TrackState to) {
    if (to.track() == Track.DISTRIBUTION
        && from == DistributionState.NOT_REQUESTED
        && study.imaging() == ImagingState.CANCELLED) {
      return false;
    }
    return REACHABLE.get(from.track()).getOrDefault(from, Set.of()).contains(to);
  }

  private static List<String> sorted(Set<TrackState> states) {
    return states.stream()
        .sorted(Comparator.comparingInt(s -> ((Enum<?>) s).ordinal()))
        .map(TrackState::name)
        .toList();
  }

  /**
   * For each track, the states reachable from each state through the transition table, excluding
   * cancellation: a transition still reachable is early, one no longer reachable is illegal.
   */
  private static Map<Track, Map<TrackState, Set<TrackState>>> reachability() {
    Map<Track, Map<TrackState, Set<TrackState>>> byTrack = new EnumMap<>(Track.class);
    for (Track track : Track.values()) {
      Map<TrackState, Set<TrackState>> edges = new java.util.HashMap<>();
      for (TransitionType type : TransitionType.moving(track)) {
        if (type == TransitionType.STUDY_CANCELLED
            || type == TransitionType.APPOINTMENT_CANCELLED) {
          // cancelling is never awaited, and un-booking is a way back, not a way forward
          continue;
        }
        for (TrackState from : type.from()) {
          edges.computeIfAbsent(from, k -> new HashSet<>()).add(type.to());
        }
      }
      if (track == Track.DISTRIBUTION) {
        // REPORT_FINALISED, an imaging transition, opens distribution.
        edges
            .computeIfAbsent(DistributionState.NOT_REQUESTED, k -> new HashSet<>())
            .add(DistributionState.PENDING);
      }
      Map<TrackState, Set<TrackState>> closure = new java.util.HashMap<>();
      for (TrackState start : edges.keySet()) {
        Set<TrackState> seen = new HashSet<>();
        Deque<TrackState> queue = new ArrayDeque<>(edges.get(start));
        while (!queue.isEmpty()) {
          TrackState next = queue.pop();
          if (seen.add(next)) {
            queue.addAll(edges.getOrDefault(next, Set.of()));
          }
        }
        closure.put(start, Set.copyOf(seen));
      }
      byTrack.put(track, Map.copyOf(closure));
    }
    return Map.copyOf(byTrack);
  }
}
