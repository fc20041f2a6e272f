package org.radflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.radflow.workflow.Studies.T0;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.radflow.study.Change;
import org.radflow.study.Decision;
import org.radflow.study.EntryKind;
import org.radflow.study.NewStudy;
import org.radflow.study.Source;
import org.radflow.study.Study;
import org.radflow.study.Transition;
import org.radflow.study.TransitionType;

/**
 * The policies over random valid histories: every history is built by the real study rules, and
 * each change of each accepted decision is folded and reacted to the way the store does it.
 */
class PoliciesProperties {

  /** One command: a transition that may follow the current state, or any transition at all. */
  record Step(boolean follow, int pick, int gapMinutes, int businessLagMinutes) {}

  record Scenario(NewStudy creation, List<Step> steps) {}

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<NewStudy> creations =
        Arbitraries.of(EntryKind.class)
            .flatMap(
                kind ->
                    Arbitraries.of(
                            kind.joinableAt().stream()
                                .sorted(Comparator.comparingInt(Enum::ordinal))
                                .toList())
                        .map(joinedAt -> Studies.joining(kind, joinedAt)));
    Arbitrary<Step> steps =
        Combinators.combine(
                Arbitraries.integers().between(0, 9).map(n -> n < 7),
                Arbitraries.integers().between(0, 1_000),
                Arbitraries.integers().between(1, 180),
                Arbitraries.integers().between(0, 60))
            .as(Step::new);
    return Combinators.combine(creations, steps.list().ofMinSize(1).ofMaxSize(30))
        .as(Scenario::new);
  }

  @Property(tries = 300)
  void reactions_start_only_forward_steps_and_timers_never_for_a_cancelled_study_and_are_pure(
      @ForAll("scenarios") Scenario scenario) {
    Decision created = Studies.RULES.create(scenario.creation());
    Study study = check(null, ((Decision.Accepted) created).changes());
    Instant clock = T0;
    int keys = 0;
    for (Step step : scenario.steps()) {
      clock = clock.plus(Duration.ofMinutes(step.gapMinutes()));
      TransitionType type = pick(study, step);
      if (type == null) {
        continue;
      }
      String key = "k-" + keys++;
      Transition transition =
          new Transition(
              type,
              key,
              clock.minus(Duration.ofMinutes(step.businessLagMinutes())),
              clock,
              new Source("ris", "MSG-" + key),
              "hl7-inbound",
              data(type, study),
              List.of());
      Decision decision = Studies.RULES.decide(study, transition);
      if (decision instanceof Decision.Accepted accepted) {
        study = check(study, accepted.changes());
        assertThat(study).isEqualTo(accepted.after());
      }
    }

    Statistics.label("cancelled study").coverage(c -> c.check(true).count(n -> n > 0));
    Statistics.label("change").coverage(c -> c.check("released").count(n -> n > 0));
  }

  private static TransitionType pick(Study study, Step step) {
    List<TransitionType> candidates =
        step.follow()
            ? Arrays.stream(TransitionType.values())
                .filter(t -> t.movesTrack() && t.from().contains(study.state(t.track())))
                .toList()
            : List.of(TransitionType.values());
    return candidates.isEmpty() ? null : candidates.get(step.pick() % candidates.size());
  }

  private static Map<String, String> data(TransitionType type, Study study) {
    return switch (type) {
      case STEP_COMPLETED -> Map.of("step", "step-1", "kind", "CREATE_WORKLIST_ENTRY");
      case COMPENSATION_REQUESTED -> Map.of("reason", "operator asked");
      case EXCEPTION_RAISED -> Map.of("kind", "STEP_FAILED", "reason", "it broke");
      case EXCEPTION_RESOLVED ->
          Map.of(
              "exception",
              study.exceptions().isEmpty() ? "1" : "" + study.exceptions().get(0).id(),
              "note",
              "looked at it");
      case PATIENT_MERGED ->
          Map.of(
              "survivingAuthority",
              "MRN",
              "survivingId",
              study.patient().id().equals("555") ? "556" : "555");
      default -> {
        String[] required = Studies.dataFor(type);
        Map<String, String> data = new java.util.HashMap<>();
        for (int i = 0; i + 1 < required.length; i += 2) {
          data.put(required[i], required[i + 1]);
        }
        yield data;
      }
    };
  }

  /** Folds the changes one at a time, checking what the policies ask for after each. */
  private static Study check(Study before, List<Change> changes) {
    Study current = before;
    for (Change change : changes) {
      Study previous = current;
      current = current == null ? Study.replay(List.of(change)) : current.evolve(change);
      List<Reaction> reactions = Studies.POLICIES.react(previous, change, current);

      collectStatistics(change, current, reactions);
      assertThat(Studies.POLICIES.react(previous, change, current))
          .as("the same change reacted to again")
          .isEqualTo(reactions);
      for (Reaction reaction : reactions) {
        if (reaction instanceof Reaction.Start start) {
          assertThat(start.kind().role())
              .as("%s started by %s", start.kind(), change)
              .isNotEqualTo(StepKind.Role.UNDO);
          if (current.isCancelled()) {
            assertThat(start.kind().role())
                .as("%s started for a cancelled study by %s", start.kind(), change)
                .isNotEqualTo(StepKind.Role.FORWARD);
          }
          if (start.kind().isTimer()) {
            assertThat(start.dueAt()).as("%s due", start.kind()).isAfter(change.at());
          } else {
            assertThat(start.dueAt()).as("%s due", start.kind()).isEqualTo(change.at());
          }
        }
      }
    }
    return current;
  }

  private static void collectStatistics(Change change, Study after, List<Reaction> reactions) {
    String what = change.getClass().getSimpleName();
    if (change instanceof Change.Applied applied && applied.releasedFromHold()) {
      what = "released";
    }
    Statistics.label("change").collect(what);
    Statistics.label("cancelled study").collect(after.isCancelled());
    Statistics.label("reaction")
        .collect(
            reactions.isEmpty()
                ? "none"
                : reactions.stream().anyMatch(r -> r instanceof Reaction.Compensate)
                    ? "compensate"
                    : "start");
  }
}
