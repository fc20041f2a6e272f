package org.radflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.radflow.study.BusinessKey;
import org.radflow.study.Change;
import org.radflow.study.Decision;
import org.radflow.study.EntryKind;
import org.radflow.study.ImagingState;
import org.radflow.study.NewStudy;
import org.radflow.study.PatientRef;
import org.radflow.study.Source;
import org.radflow.study.Study;
import org.radflow.study.StudyId;
import org.radflow.study.StudyRules;
import org.radflow.study.Transition;
import org.radflow.study.TransitionType;

/**
 * Studies built through the real {@link StudyRules}, and the reactions the policies ask for after
 * each change, folded the way the store folds them: one change at a time, each against the study it
 * produced. Time is always explicit.
 */
final class Studies {

  static final Instant T0 = Instant.parse("2025-03-03T08:00:00Z");
  static final StudyId STUDY_ID =
      new StudyId(UUID.fromString("7f0c1f9e-3a55-4c1e-9a43-1d2e3f4a5b6c"));
  static final BusinessKey ACCESSION = new BusinessKey("RAD-HOSP", "ACC-123");
  static final PatientRef PATIENT = new PatientRef("IHI", "8003608166690503");
  static final StudyRules RULES = new StudyRules(Duration.ofHours(4));
  static final Policies POLICIES = new Policies(Deadlines.defaults());

  private Studies() {}

  static Instant at(int minutes) {
    return T0.plusSeconds(60L * minutes);
  }

  static NewStudy scheduled() {
    return joining(EntryKind.SCHEDULED, ImagingState.NOT_STARTED);
  }

  static NewStudy joining(EntryKind kind, ImagingState joinedAt) {
    return new NewStudy(
        STUDY_ID,
        ACCESSION,
        PATIENT,
        kind,
        joinedAt,
        T0,
        T0,
        new Source("ris", "MSG-0001"),
        "hl7-inbound",
        Map.of("modality", "CT"),
        List.of());
  }

  /**
   * A transition that happened and was learned at the same minute, keyed by its type and minute.
   */
  static Transition transition(TransitionType type, int minutes, String... keysAndValues) {
    Map<String, String> data = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      data.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    String key = type.name().toLowerCase() + "-" + minutes;
    return new Transition(
        type,
        key,
        at(minutes),
        at(minutes),
        new Source("ris", "MSG-" + key),
        "hl7-inbound",
        data,
        List.of());
  }

  /** A study after a decision, with the reactions each of the decision's changes asked for. */
  record Decided(Study study, List<Change> changes, List<Reaction> reactions) {}

  static Decided create(NewStudy command) {
    Decision decision = RULES.create(command);
    assertThat(decision).as("creation").isInstanceOf(Decision.Accepted.class);
    return fold(null, ((Decision.Accepted) decision).changes());
  }

  static Decided decide(Study study, Transition transition) {
    Decision decision = RULES.decide(study, transition);
    assertThat(decision)
        .as("decision on %s at %s", transition.type(), study)
        .isInstanceOf(Decision.Accepted.class);
    Decision.Accepted accepted = (Decision.Accepted) decision;
    Decided decided = fold(study, accepted.changes());
    assertThat(decided.study()).isEqualTo(accepted.after());
    return decided;
  }

  /** Folds changes one at a time, as the store does, collecting the reactions after each. */
  static Decided fold(Study before, List<Change> changes) {
    Study current = before;
    List<Reaction> reactions = new ArrayList<>();
    for (Change change : changes) {
      Study previous = current;
      current = current == null ? Study.replay(List.of(change)) : current.evolve(change);
      reactions.addAll(POLICIES.react(previous, change, current));
    }
    return new Decided(current, changes, reactions);
  }

  /** The study after these transitions, applied one a minute from minute 1. */
  static Study study(NewStudy creation, TransitionType... path) {
    Study study = create(creation).study();
    int minute = 1;
    for (TransitionType type : path) {
      study = decide(study, transition(type, minute++, dataFor(type))).study();
    }
    return study;
  }

  static Study scheduledThrough(TransitionType... path) {
    return study(scheduled(), path);
  }

  /** Data the study-level transitions require. */
  static String[] dataFor(TransitionType type) {
    return switch (type) {
      case STEP_COMPLETED -> new String[] {"step", "step-1", "kind", "CREATE_WORKLIST_ENTRY"};
      case COMPENSATION_REQUESTED -> new String[] {"reason", "operator asked"};
      case EXCEPTION_RAISED -> new String[] {"kind", "STEP_FAILED", "reason", "it broke"};
      case PATIENT_MERGED -> new String[] {"survivingAuthority", "MRN", "survivingId", "555"};
      case IDENTITY_VALIDATED, IDENTITY_REVALIDATED ->
          new String[] {
            "ihi", "8003608166690503", "numberStatus", "ACTIVE", "recordStatus", "VERIFIED"
          };
      case IDENTITY_REVALIDATION_REQUESTED -> new String[] {"reason", "validated too long ago"};
      case IDENTITY_INVALIDATED -> new String[] {"code", "IHI_RETIRED", "reason", "retired"};
      case PUBLICATION_WITHHELD -> new String[] {"reason", "the patient withdrew consent"};
      default -> new String[0];
    };
  }

  /**
   * The study after a step's effects are applied through the study rules, as the engine applies
   * them with the step's completion; each must be applied at once, not held or refused.
   */
  static Study applyEffects(Study study, List<Effect> effects, int minute) {
    int n = 0;
    for (Effect effect : effects) {
      String key = "effect-" + effect.type().name().toLowerCase() + "-" + n++;
      Transition transition =
          new Transition(
              effect.type(),
              key,
              at(minute),
              at(minute),
              new Source("radflow", key),
              "orchestration",
              effect.data(),
              List.of());
      Decision decision = RULES.decide(study, transition);
      assertThat(decision).as("effect %s", effect).isInstanceOf(Decision.Accepted.class);
      Decision.Accepted accepted = (Decision.Accepted) decision;
      assertThat(accepted.outcome()).as("effect %s", effect).isEqualTo(Decision.Outcome.APPLIED);
      study = accepted.after();
    }
    return study;
  }
}
