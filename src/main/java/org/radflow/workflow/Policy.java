package org.radflow.workflow;

import java.util.List;
import java.util.function.Predicate;
import org.radflow.study.Study;
import org.radflow.study.TrackState;
import org.radflow.study.TransitionType;

/**
 * One rule of the workflow: when a study enters a state (or records a transition), and a condition
 * holds, start these steps — or compensate.
 *
 * @param onState the state whose entry triggers it, or {@code null}
 * @param onTransition the study-level transition that triggers it, or {@code null}
 * @param condition checked on the study after the change
 * @param conditionText the condition in words, for people reading the policy list
 */
public record Policy(
    TrackState onState,
    TransitionType onTransition,
    Predicate<Study> condition,
    String conditionText,
    List<StepKind> start,
    boolean compensate) {

  public Policy {
    if ((onState == null) == (onTransition == null)) {
      throw new IllegalArgumentException("a policy triggers on a state or a transition, not both");
    }
    start = List.copyOf(start);
  }

  /** How a policy reads: "IDENTITY_VALIDATED, if imaging has not started → RESERVE_SLOT, …". */
  public String describe() {
    String trigger = onState != null ? "enters " + onState : "records " + onTransition;
    String when = conditionText == null ? "" : ", if " + conditionText;
    String then =
        compensate
            ? "undo completed steps newest first"
            : String.join(", ", start.stream().map(Enum::name).toList());
    return "when a study " + trigger + when + " → " + then;
  }

  static Builder on(TrackState state) {
    return new Builder(state, null);
  }

  static Builder on(TransitionType transition) {
    return new Builder(null, transition);
  }

  static final class Builder {
    private final TrackState state;
    private final TransitionType transition;
    private Predicate<Study> condition = s -> true;
    private String conditionText;

    private Builder(TrackState state, TransitionType transition) {
      this.state = state;
      this.transition = transition;
    }

    Builder when(String text, Predicate<Study> condition) {
      this.conditionText = text;
      this.condition = condition;
      return this;
    }

    Policy start(StepKind... steps) {
      return new Policy(state, transition, condition, conditionText, List.of(steps), false);
    }

    Policy compensate() {
      return new Policy(state, transition, condition, conditionText, List.of(), true);
    }
  }
}
