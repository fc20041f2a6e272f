package org.radflow.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.radflow.study.Commands.T0;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.radflow.study.EndToEndStatus.Kind;
import org.radflow.study.IdempotentStudy.Result;

/**
 * Random histories driven through {@link StudyRules} the way the store drives them (see {@link
 * IdempotentStudy}), checking after every step that the study is consistent with its history and
 * with the rules it was built by.
 */
class StudyProperties {

  private static final Duration HOLD_LIMIT = Duration.ofHours(4);
  private static final List<PatientRef> PATIENTS =
      List.of(
          Commands.PATIENT,
          new PatientRef("IHI", "8003608166690999"),
          new PatientRef("MRN", "555"));

  private final StudyRules rules = new StudyRules(HOLD_LIMIT);

  // ---- what a scenario is ----

  record Scenario(NewStudy creation, List<Step> steps) {}

  sealed interface Step {
    /** A new business transition of any type, under a fresh key. */
    record Fresh(TransitionType type, int businessMinute, int mergeTarget, int gap)
        implements Step {}

    /**
     * A new transition whose type may follow the current state of its track (may still be guarded).
     */
    record Follow(int pick, int businessMinute, int gap) implements Step {}

    /** An earlier transition re-sent by a new transport attempt: same key, same content. */
    record Resend(int pick, int gap) implements Step {}

    /** An earlier key reused with different content (another business time). */
    record Reuse(int pick, int shiftMinutes, int gap) implements Step {}

    /** Time passes and the hold deadline timer runs. */
    record Tick(int minutes) implements Step {}
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<NewStudy> creations =
        Arbitraries.of(EntryKind.class)
            .flatMap(
                kind ->
                    Combinators.combine(
                            Arbitraries.of(
                                kind.joinableAt().stream()
                                    .sorted(Comparator.comparingInt(Enum::ordinal))
                                    .toList()),
                            Arbitraries.integers().between(0, 600))
                        .as(
                            (joinedAt, minutesBefore) ->
                                new NewStudy(
                                    Commands.STUDY_ID,
                                    Commands.ACCESSION,
                                    Commands.PATIENT,
                                    kind,
                                    joinedAt,
                                    T0.minusSeconds(60L * minutesBefore),
                                    T0,
                                    Source.of("ris"),
                                    "hl7-inbound",
                                    Map.of("modality", "MR"),
                                    List.of())));
    Arbitrary<Integer> businessMinute = Arbitraries.integers().between(-120, 720);
    Arbitrary<Integer> gap = Arbitraries.integers().between(1, 20);
    Arbitrary<Integer> pick = Arbitraries.integers().between(0, 1_000);
    Arbitrary<Step> fresh =
        Combinators.combine(
                Arbitraries.of(TransitionType.class),
                businessMinute,
                Arbitraries.integers().between(0, PATIENTS.size() - 1),
                gap)
            .as(Step.Fresh::new);
    Arbitrary<Step> follow = Combinators.combine(pick, businessMinute, gap).as(Step.Follow::new);
    Arbitrary<Step> resend = Combinators.combine(pick, gap).as(Step.Resend::new);
    Arbitrary<Step> reuse =
        Combinators.combine(pick, Arbitraries.integers().between(1, 60), gap).as(Step.Reuse::new);
    Arbitrary<Step> tick = Arbitraries.integers().between(30, 400).map(Step.Tick::new);
    Arbitrary<Step> steps =
        Arbitraries.frequencyOf(
            Tuple.of(4, fresh),
            Tuple.of(6, follow),
            Tuple.of(2, resend),
            Tuple.of(1, reuse),
            Tuple.of(2, tick));
    return Combinators.combine(creations, steps.list().ofMinSize(1).ofMaxSize(40))
        .as(Scenario::new);
  }

  // ---- the properties ----

  @Property(tries = 400)
  void every_step_keeps_the_study_consistent_with_its_history_and_its_rules(
      @ForAll("scenarios") Scenario scenario) {
    Statistics.label("entry kind").collect(scenario.creation().entryKind());
    Run run = new Run(IdempotentStudy.open(rules, scenario.creation()), scenario.creation());
    assertInvariants(run);
    for (Step step : scenario.steps()) {
      run.take(step);
      assertInvariants(run);
      assertResubmittingEveryAcceptedTransitionChangesNothing(run);
    }

    Statistics.label("entry kind")
        .coverage(
            coverage -> {
              for (EntryKind kind : EntryKind.values()) {
                coverage.check(kind).count(n -> n >= 20);
              }
            });
    Statistics.label("outcome")
        .coverage(
            coverage -> {
              coverage.check("applied").count(n -> n > 0);
              coverage.check("held").count(n -> n > 0);
              coverage.check("released").count(n -> n > 0);
              coverage.check("hold refused").count(n -> n > 0);
              coverage.check("hold expired").count(n -> n > 0);
              coverage.check("refused").count(n -> n > 0);
              coverage.check("already known").count(n -> n > 0);
              coverage.check("duplicate").count(n -> n > 0);
              coverage.check("conflict").count(n -> n > 0);
            });
  }

  @Property(tries = 200)
  void an_observation_never_changes_any_track(@ForAll("scenarios") Scenario scenario) {
    Run run = new Run(IdempotentStudy.open(rules, scenario.creation()), scenario.creation());
    for (Step step : scenario.steps()) {
      run.take(step);
    }
    List<Change> history = run.store.history();
    Study study = Study.replay(history.subList(0, 1));
    for (Change change : history.subList(1, history.size())) {
      Study after = study.evolve(change);
      if (change instanceof Change.Observed observed) {
        Statistics.label("observations").collect(observed.transition().type().track());
        for (Track track : Track.values()) {
          assertThat(after.state(track))
              .as("%s after %s", track, observed)
              .isEqualTo(study.state(track));
        }
        assertThat(after.facts()).isEqualTo(study.facts());
        assertThat(after.exceptions()).isEqualTo(study.exceptions());
        assertThat(after.patient()).isEqualTo(study.patient());
        assertThat(after.held())
            .isEqualTo(
                study.held().stream()
                    .filter(h -> !h.transition().equals(observed.transition()))
                    .toList());
        assertThat(after.version()).isEqualTo(study.version() + 1);
      }
      study = after;
    }
  }

  // ---- driving one scenario ----

  private final class Run {
    final IdempotentStudy store;
    final NewStudy creation;
    final List<Transition> submitted = new ArrayList<>();
    final Map<String, Transition> accepted = new HashMap<>();
    Instant clock = T0;
    int keys;

    Run(IdempotentStudy store, NewStudy creation) {
      this.store = store;
      this.creation = creation;
    }

    void take(Step step) {
      if (step instanceof Step.Tick tick) {
        clock = clock.plus(Duration.ofMinutes(tick.minutes()));
        expire();
        return;
      }
      Transition transition = transitionFor(step);
      if (transition != null) {
        submit(transition);
      }
    }

    private Transition transitionFor(Step step) {
      if (step instanceof Step.Fresh fresh) {
        clock = clock.plus(Duration.ofMinutes(fresh.gap()));
        return fresh(fresh.type(), fresh.businessMinute(), fresh.mergeTarget());
      }
      if (step instanceof Step.Follow follow) {
        clock = clock.plus(Duration.ofMinutes(follow.gap()));
        Study study = store.study();
        List<TransitionType> following =
            Arrays.stream(TransitionType.values())
                .filter(t -> t.movesTrack() && t.from().contains(study.state(t.track())))
                .toList();
        if (following.isEmpty()) {
          return null;
        }
        TransitionType type = following.get(follow.pick() % following.size());
        return fresh(type, follow.businessMinute(), 0);
      }
      if (submitted.isEmpty()) {
        return null;
      }
      if (step instanceof Step.Resend resend) {
        clock = clock.plus(Duration.ofMinutes(resend.gap()));
        Transition original = submitted.get(resend.pick() % submitted.size());
        return Commands.resent(original, "RETRY-" + keys++, "retry-" + resend.pick(), clock);
      }
      Step.Reuse reuse = (Step.Reuse) step;
      clock = clock.plus(Duration.ofMinutes(reuse.gap()));
      Transition original = submitted.get(reuse.pick() % submitted.size());
      return new Transition(
          original.type(),
          original.idempotencyKey(),
          original.businessTime().plus(Duration.ofMinutes(reuse.shiftMinutes())),
          clock,
          original.source(),
          original.actor(),
          original.data(),
          original.references());
    }

    private Transition fresh(TransitionType type, int businessMinute, int mergeTarget) {
      Map<String, String> data = Map.of();
      if (type == TransitionType.STEP_COMPLETED) {
        data = Map.of("step", "step-" + mergeTarget, "kind", "CREATE_WORKLIST_ENTRY");
      } else if (type == TransitionType.COMPENSATION_REQUESTED) {
        data = Map.of("reason", "operator asked");
      } else if (type == TransitionType.EXCEPTION_RAISED) {
        data = Map.of("kind", "STEP_FAILED", "reason", "step " + mergeTarget + " failed");
      } else if (type == TransitionType.EXCEPTION_RESOLVED) {
        // an id that may or may not be open: resolving a closed one must be refused
        data = Map.of("exception", String.valueOf(mergeTarget + 2), "note", "checked by hand");
      } else if (type == TransitionType.PUBLICATION_WITHHELD
          || type == TransitionType.IDENTITY_REVALIDATION_REQUESTED) {
        data = Map.of("reason", "reason " + mergeTarget);
      } else if (type == TransitionType.IDENTITY_REVALIDATED
          || type == TransitionType.IDENTITY_VALIDATED) {
        data =
            Map.of(
                "ihi",
                "8003608166690503",
                "numberStatus",
                mergeTarget % 3 == 0 ? "RETIRED" : "ACTIVE",
                "recordStatus",
                "VERIFIED");
      } else if (type == TransitionType.IDENTITY_INVALIDATED) {
        data = Map.of("code", "IHI_EXPIRED", "reason", "expired " + mergeTarget);
      } else if (type == TransitionType.PATIENT_MERGED) {
        PatientRef surviving = PATIENTS.get(mergeTarget);
        data =
            Map.of(
                "survivingAuthority",
                surviving.assigningAuthority(),
                "survivingId",
                surviving.id());
      }
      String key = "k-" + keys++;
      return new Transition(
          type,
          key,
          T0.plus(Duration.ofMinutes(businessMinute)),
          clock,
          new Source("ris", "MSG-" + key),
          "hl7-inbound",
          data,
          List.of());
    }

    private void submit(Transition transition) {
      Study before = store.study();
      List<Change> historyBefore = store.history();
      submitted.add(transition);

      Result result = store.submit(transition);

      if (result instanceof Result.Duplicate duplicate) {
        Statistics.label("outcome").collect("duplicate");
        assertUnchanged(before, historyBefore);
        assertThat(accepted.get(transition.idempotencyKey()).fingerprint())
            .isEqualTo(transition.fingerprint());
        assertThat(primaryTransition(duplicate.original()).idempotencyKey())
            .isEqualTo(transition.idempotencyKey());
      } else if (result instanceof Result.Conflict conflict) {
        Statistics.label("outcome").collect("conflict");
        assertUnchanged(before, historyBefore);
        assertThat(conflict.acceptedFingerprint()).isNotEqualTo(transition.fingerprint());
      } else {
        Decision decision = ((Result.Decided) result).decision();
        // Pure: the same study and command give the same decision.
        assertThat(rules.decide(before, transition)).isEqualTo(decision);
        if (decision instanceof Decision.Refused refused) {
          Statistics.label("outcome").collect("refused");
          assertUnchanged(before, historyBefore);
          assertRefusalIsExplainedByTheTable(before, transition, refused);
        } else {
          Decision.Accepted acceptedDecision = (Decision.Accepted) decision;
          accepted.put(transition.idempotencyKey(), transition);
          assertAcceptance(before, historyBefore, transition, acceptedDecision);
        }
      }
    }

    private void assertUnchanged(Study before, List<Change> historyBefore) {
      assertThat(store.study()).as("study after a command that changes nothing").isEqualTo(before);
      assertThat(store.history())
          .as("history after a command that changes nothing")
          .isEqualTo(historyBefore);
    }

    private void assertAcceptance(
        Study before,
        List<Change> historyBefore,
        Transition transition,
        Decision.Accepted decision) {
      List<Change> changes = decision.changes();
      List<Change> expectedHistory = new ArrayList<>(historyBefore);
      expectedHistory.addAll(changes);
      assertThat(store.history()).isEqualTo(expectedHistory);
      Study folded = before;
      for (Change change : changes) {
        folded = folded.evolve(change);
      }
      assertThat(decision.after()).isEqualTo(folded).isEqualTo(store.study());

      // Holds past their deadline expire first, before anything can release them.
      List<Change> expired = rules.expireHolds(before, transition.recordTime());
      assertThat(changes.subList(0, Math.min(expired.size(), changes.size()))).isEqualTo(expired);
      if (!expired.isEmpty()) {
        Statistics.label("outcome").collect("hold expired on arrival");
      }
      for (Change change : expired) {
        before = before.evolve(change);
      }
      changes = changes.subList(expired.size(), changes.size());

      TransitionType type = transition.type();
      if (decision.outcome() == Decision.Outcome.HELD) {
        Statistics.label("outcome").collect("held");
        assertThat(type.movesTrack()).isTrue();
        assertThat(type.from()).doesNotContain(before.state(type.track()));
        assertThat(before.isCancelled()).isFalse();
        assertThat(changes)
            .containsExactly(
                new Change.Held(
                    new HeldTransition(
                        transition,
                        decision.after().held().get(decision.after().held().size() - 1).awaiting(),
                        transition.recordTime().plus(HOLD_LIMIT))));
        return;
      }
      if (decision.outcome() == Decision.Outcome.ALREADY_KNOWN) {
        Statistics.label("outcome").collect("already known");
        assertThat(changes)
            .containsExactly(new Change.Observed(transition, transition.recordTime(), false));
        assertThat(type.isObservable()).isTrue();
        assertThat(type.from()).doesNotContain(before.state(type.track()));
        assertThat(Observations.alreadyShown(before, type)).isTrue();
        return;
      }
      Statistics.label("outcome").collect("applied");
      assertThat(changes.get(0))
          .isEqualTo(new Change.Applied(transition, transition.recordTime(), false));
      if (type.movesTrack()) {
        assertThat(type.from()).contains(before.state(type.track()));
        assertThat(before.evolve(changes.get(0)).state(type.track())).isEqualTo(type.to());
      }
      Set<String> heldBefore = new HashSet<>();
      before.held().forEach(h -> heldBefore.add(h.transition().idempotencyKey()));
      for (Change follow : changes.subList(1, changes.size())) {
        assertThat(follow.at()).isEqualTo(transition.recordTime());
        Transition released;
        if (follow instanceof Change.Applied applied) {
          Statistics.label("outcome").collect("released");
          assertThat(applied.releasedFromHold()).isTrue();
          released = applied.transition();
        } else if (follow instanceof Change.Observed observed) {
          Statistics.label("outcome").collect("released as already known");
          assertThat(observed.releasedFromHold()).isTrue();
          released = observed.transition();
        } else {
          Statistics.label("outcome").collect("hold refused");
          assertThat(follow).isInstanceOf(Change.HoldRefused.class);
          released = ((Change.HoldRefused) follow).transition();
        }
        assertThat(heldBefore.remove(released.idempotencyKey()))
            .as("released %s was held, once", released.idempotencyKey())
            .isTrue();
      }
    }

    private void expire() {
      Study before = store.study();
      List<Change> expired = store.expireHolds(clock);
      for (Change change : expired) {
        Statistics.label("outcome").collect("hold expired");
        Change.HoldExpired e = (Change.HoldExpired) change;
        assertThat(e.at()).isEqualTo(clock);
        HeldTransition held =
            before.held().stream()
                .filter(h -> h.transition().equals(e.transition()))
                .findFirst()
                .orElseThrow();
        assertThat(held.deadline()).isBeforeOrEqualTo(clock);
        assertThat(e.awaited()).isEqualTo(held.awaiting());
      }
      assertThat(store.study().held()).allMatch(h -> h.deadline().isAfter(clock));
      assertThat(store.study().version()).isEqualTo(before.version() + expired.size());
    }
  }

  /** The command's own change: the first after any holds that expired on its arrival. */
  private static Transition primaryTransition(Decision.Accepted decision) {
    Change first =
        decision.changes().stream()
            .filter(c -> !(c instanceof Change.HoldExpired))
            .findFirst()
            .orElseThrow();
    if (first instanceof Change.Held held) {
      return held.held().transition();
    }
    if (first instanceof Change.Observed observed) {
      return observed.transition();
    }
    return ((Change.Applied) first).transition();
  }

  // ---- what must hold ----

  private void assertRefusalIsExplainedByTheTable(
      Study study, Transition transition, Decision.Refused refused) {
    TransitionType type = transition.type();
    switch (refused.refusal()) {
      case INVALID -> {
        if (type == TransitionType.EXCEPTION_RESOLVED) {
          long id = Long.parseLong(transition.data().get("exception"));
          assertThat(study.exception(id)).isEmpty();
          return;
        }
        assertThat(type).isEqualTo(TransitionType.PATIENT_MERGED);
        assertThat(
                new PatientRef(
                    transition.data().get("survivingAuthority"),
                    transition.data().get("survivingId")))
            .isEqualTo(study.patient());
      }
      case OBLIGATION_UNMET -> {
        assertThat(type.from()).contains(study.state(type.track()));
        assertThat(study.hasObserved(ClinicalState.IDENTITY_VALIDATED)).isFalse();
        assertThat(study.openObligations()).anyMatch(o -> o.guards().contains(type));
      }
      case CONTRADICTS -> {
        assertThat(Observations.alreadyShown(study, type)).isTrue();
        assertThat(Observations.contradiction(study, transition)).isPresent();
      }
      case ILLEGAL_TRANSITION -> {
        if (type == TransitionType.IDENTITY_REVALIDATION_REQUESTED
            || type == TransitionType.IDENTITY_REVALIDATED
            || type == TransitionType.IDENTITY_INVALIDATED) {
          // these speak of an identity radflow validated before
          assertThat(study.hasObserved(ClinicalState.IDENTITY_VALIDATED)).isFalse();
          return;
        }
        assertThat(type.movesTrack()).isTrue();
        assertThat(Observations.alreadyShown(study, type))
            .as("%s refused though the study already shows it", type)
            .isFalse();
        TrackState current = study.state(type.track());
        boolean guarded =
            (type == TransitionType.STUDY_CANCELLED && study.imaging().isReported())
                || (type == TransitionType.REPORT_SUPERSEDED
                    && study.imaging() != ImagingState.REPORT_AMENDED)
                || (type == TransitionType.APPOINTMENT_CANCELLED
                    && study.imaging() != ImagingState.NOT_STARTED);
        assertThat(!type.from().contains(current) || guarded)
            .as("%s refused at %s: %s", type, current, refused.message())
            .isTrue();
        if (!guarded) {
          assertThat(refused.message()).contains(type.name(), current.name());
        }
      }
    }
  }

  private void assertInvariants(Run run) {
    Study study = run.store.study();
    List<Change> history = run.store.history();

    assertThat(study.version())
        .as("version is the length of the history")
        .isEqualTo(history.size());
    assertThat(Study.replay(history)).as("replay of the history").isEqualTo(study);

    // Cancellation takes imaging with it; it is refused once the report is final.
    if (study.isCancelled()) {
      assertThat(study.imaging() == ImagingState.CANCELLED || study.imaging().isReported())
          .isTrue();
    }
    if (study.imaging() == ImagingState.CANCELLED) {
      assertThat(study.isCancelled()).isTrue();
    }

    // Distribution is requested exactly when a final report exists or existed.
    boolean everReported =
        run.creation.joinedAt().isReported()
            || history.stream()
                .anyMatch(
                    c ->
                        c instanceof Change.Applied a
                            && (a.transition().type() == TransitionType.REPORT_FINALISED
                                || a.transition().type() == TransitionType.REPORT_AMENDED));
    // a report withheld before it was written needs no distribution either
    boolean withheldUnreported =
        study.distribution() == DistributionState.WITHHELD && !everReported;
    assertThat(study.distribution() == DistributionState.NOT_REQUESTED || withheldUnreported)
        .as("distribution %s, ever reported %s", study.distribution(), everReported)
        .isEqualTo(!everReported);

    // Every held transition is still early: had it become applicable or impossible, the rules
    // would have released it into the history already.
    Set<String> heldKeys = new HashSet<>();
    for (HeldTransition held : study.held()) {
      assertThat(heldKeys.add(held.transition().idempotencyKey())).isTrue();
      Decision now = rules.decide(study, held.transition());
      assertThat(now)
          .as(
              "held %s at %s",
              held.transition().type(), study.state(held.transition().type().track()))
          .isInstanceOfSatisfying(
              Decision.Accepted.class,
              a -> assertThat(a.outcome()).isEqualTo(Decision.Outcome.HELD));
      assertThat(held.deadline()).isEqualTo(held.transition().recordTime().plus(HOLD_LIMIT));
      assertThat(held.awaiting().track()).isEqualTo(held.transition().type().track());
      assertThat(held.transition().type().from()).contains(held.awaiting());
    }

    assertStatusIsDerived(study);

    // Identity is never attested, and nothing it guards happened before radflow validated it.
    assertThat(study.facts())
        .noneMatch(f -> f.state() == ClinicalState.IDENTITY_VALIDATED && !f.isObserved());
    int identity = indexOfObserved(study, ClinicalState.IDENTITY_VALIDATED);
    for (TrackState guarded :
        List.of(
            DistributionState.PUBLISHED,
            DistributionState.SUPERSEDED,
            AdministrativeState.CLAIM_SUBMITTED)) {
      int at = indexOfObserved(study, guarded);
      if (at >= 0) {
        assertThat(identity).as("identity validated before %s", guarded).isBetween(0, at - 1);
      }
    }

    // Every open exception was opened by one change at the history position that is its id (a
    // hold refused or expired, or a raise) and not resolved since.
    Set<Long> open = new java.util.TreeSet<>();
    for (int i = 0; i < history.size(); i++) {
      Change change = history.get(i);
      if (change instanceof Change.HoldRefused || change instanceof Change.HoldExpired) {
        open.add(i + 1L);
      } else if (change instanceof Change.Applied applied) {
        Transition t = applied.transition();
        if (t.type() == TransitionType.EXCEPTION_RAISED) {
          open.add(i + 1L);
        } else if (t.type() == TransitionType.EXCEPTION_RESOLVED) {
          assertThat(open.remove(Long.parseLong(t.data().get("exception")))).isTrue();
        }
      }
    }
    assertThat(study.exceptions()).extracting(OpenException::id).containsExactlyElementsOf(open);

    // The store's idempotency ledger is recoverable from the history: each accepted key entered it
    // exactly once, as applied at once or held.
    run.store
        .acceptedFingerprints()
        .forEach(
            (key, fingerprint) -> {
              List<Transition> entries =
                  history.stream()
                      .map(StudyProperties::entered)
                      .filter(t -> t != null && t.idempotencyKey().equals(key))
                      .toList();
              assertThat(entries)
                  .singleElement()
                  .extracting(Transition::fingerprint)
                  .isEqualTo(fingerprint);
            });
  }

  /** The transition a change entered the history with, or null for follow-ups and creation. */
  private static Transition entered(Change change) {
    if (change instanceof Change.Held held) {
      return held.held().transition();
    }
    if (change instanceof Change.Applied applied && !applied.releasedFromHold()) {
      return applied.transition();
    }
    if (change instanceof Change.Observed observed && !observed.releasedFromHold()) {
      return observed.transition();
    }
    return null;
  }

  private static int indexOfObserved(Study study, TrackState state) {
    for (int i = 0; i < study.facts().size(); i++) {
      Fact fact = study.facts().get(i);
      if (fact.state() == state && fact.isObserved()) {
        return i;
      }
    }
    return -1;
  }

  private static void assertStatusIsDerived(Study study) {
    EndToEndStatus status = study.status();
    Kind kind = status.kind();
    boolean needsPerson =
        !study.exceptions().isEmpty()
            || study.clinical().isException()
            || study.imaging().isException()
            || study.administrative().isException();
    boolean distributed =
        study.imaging().isReported()
            && study.distribution().isDistributed()
            && !(study.imaging() == ImagingState.REPORT_AMENDED
                && study.distribution() == DistributionState.PUBLISHED);

    assertThat(kind == Kind.IN_EXCEPTION).as("in exception, %s", status).isEqualTo(needsPerson);
    assertThat(kind == Kind.CANCELLED)
        .as("cancelled, %s", status)
        .isEqualTo(study.isCancelled() && !needsPerson);
    assertThat(kind == Kind.SUSPENDED)
        .as("suspended, %s", status)
        .isEqualTo(
            !needsPerson
                && !study.isCancelled()
                && study.distribution() == DistributionState.SUSPENDED);
    if (kind == Kind.FINANCIALLY_COMPLETE) {
      assertThat(distributed && study.administrative().isSettled()).isTrue();
    }
    if (kind == Kind.CLINICALLY_COMPLETE) {
      assertThat(distributed && !study.administrative().isSettled()).isTrue();
    }
    if (kind == Kind.ACTIVE) {
      assertThat(distributed).isFalse();
    }
    assertThat(status.waitingOn() != null)
        .as("waiting on, %s", status)
        .isEqualTo(kind == Kind.WAITING || kind == Kind.SUSPENDED);
    if (kind == Kind.WAITING) {
      switch (status.waitingOn()) {
        case EndToEndStatus.IDENTITY ->
            assertThat(study.clinical()).isEqualTo(ClinicalState.ORDER_RECEIVED);
        case EndToEndStatus.IMAGE_ARCHIVE ->
            assertThat(study.imaging()).isEqualTo(ImagingState.ACQUISITION_COMPLETE);
        case EndToEndStatus.NATIONAL_RECORD ->
            assertThat(
                    study.distribution() == DistributionState.PENDING
                        || study.distribution() == DistributionState.PUBLISHED)
                .isTrue();
        case EndToEndStatus.BILLING ->
            assertThat(study.administrative()).isEqualTo(AdministrativeState.CLAIM_SUBMITTED);
        default -> throw new AssertionError("unknown service " + status.waitingOn());
      }
    }
    if (kind != Kind.ACTIVE
        && kind != Kind.CLINICALLY_COMPLETE
        && kind != Kind.FINANCIALLY_COMPLETE) {
      assertThat(status.reasons()).isNotEmpty();
    }
  }

  private void assertResubmittingEveryAcceptedTransitionChangesNothing(Run run) {
    Study study = run.store.study();
    List<Change> history = run.store.history();
    int attempt = 0;
    for (Transition original : run.accepted.values()) {
      Transition again =
          Commands.resent(
              original, "REDELIVERY-" + attempt++, "someone-else", run.clock.plusSeconds(1));
      Result result = run.store.submit(again);
      assertThat(result)
          .as("re-sent %s", original.idempotencyKey())
          .isInstanceOf(Result.Duplicate.class);
      assertThat(run.store.study())
          .as("study after re-sending %s", original.idempotencyKey())
          .isEqualTo(study);
      assertThat(run.store.history())
          .as("history after re-sending %s", original.idempotencyKey())
          .isEqualTo(history);
    }
  }
}
