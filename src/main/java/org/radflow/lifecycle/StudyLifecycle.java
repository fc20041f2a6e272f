package org.radflow.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.radflow.store.ApplyResult;
import org.radflow.store.CreateResult;
import org.radflow.store.StudyStore;
import org.radflow.study.PatientRef;
import org.radflow.study.Source;
import org.radflow.study.StudyId;
import org.radflow.study.TransitionType;

/** Turns adapter requests into store commands. */
public final class StudyLifecycle {

  private static final int HOLD_SWEEP_BATCH = 500;

  private final StudyStore store;
  private final Clock clock;

  public StudyLifecycle(StudyStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public StudyStore store() {
    return store;
  }

  /** Record time: when radflow learned it, at the precision both databases keep. */
  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  public CreateResult open(StudyDraft draft) {
    return store.create(draft.toCommand(StudyId.random(), now()));
  }

  public ApplyResult apply(StudyId id, TransitionDraft draft, Long expectedVersion) {
    return store.apply(id, draft.toCommand(now()), expectedVersion);
  }

  /**
   * Re-parents every study of {@code retired} to {@code surviving}, one transaction per study (a
   * transaction never spans two studies). The idempotency key names the merge, so a re-sent merge
   * changes nothing and a merge interrupted half-way completes when sent again.
   */
  public PatientMerge mergePatient(
      PatientRef retired, PatientRef surviving, Instant businessTime, Source source, String actor) {
    if (retired.equals(surviving)) {
      throw new IllegalArgumentException("a patient cannot be merged into itself: " + retired);
    }
    TransitionDraft draft =
        new TransitionDraft(
            TransitionType.PATIENT_MERGED,
            "patient-merge:" + retired + "->" + surviving,
            businessTime,
            source,
            actor,
            Map.of(
                "survivingAuthority", surviving.assigningAuthority(),
                "survivingId", surviving.id(),
                "retiredAuthority", retired.assigningAuthority(),
                "retiredId", retired.id()),
            List.of());
    List<PatientMerge.StudyOutcome> outcomes = new ArrayList<>();
    for (StudyId id : store.studiesOfPatient(retired)) {
      outcomes.add(new PatientMerge.StudyOutcome(id, apply(id, draft, null)));
    }
    return new PatientMerge(retired, surviving, outcomes);
  }

  /**
   * Sends every study whose held early event passed its deadline to the exception lane.
   *
   * @return how many studies changed
   */
  public int expireDueHolds() {
    Instant now = now();
    int total = 0;
    int changed;
    do {
      changed = store.expireHolds(now, HOLD_SWEEP_BATCH);
      total += changed;
    } while (changed == HOLD_SWEEP_BATCH);
    return total;
  }
}
