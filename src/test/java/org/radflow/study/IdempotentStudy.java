package org.radflow.study;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One study driven through {@link StudyRules} the way the store drives it: accepted changes are
 * appended to the history, and idempotency is by key and fingerprint. A key already accepted with
 * the same fingerprint returns the original decision and appends nothing; the same key with a
 * different fingerprint is a conflict and appends nothing. A refused transition is not committed,
 * so its key stays free.
 */
final class IdempotentStudy {

  /** What a submission did. */
  sealed interface Result {
    /** Decided now by the rules. */
    record Decided(Decision decision) implements Result {}

    /** The key was already accepted with this content: the original decision, nothing appended. */
    record Duplicate(Decision.Accepted original) implements Result {}

    /** The key was already accepted with other content: nothing appended. */
    record Conflict(String key, String acceptedFingerprint) implements Result {}
  }

  private record Accepted(String fingerprint, Decision.Accepted decision) {}

  private final StudyRules rules;
  private final List<Change> history = new ArrayList<>();
  private final Map<String, Accepted> acceptedByKey = new HashMap<>();
  private Study study;

  private IdempotentStudy(StudyRules rules, Decision.Accepted created) {
    this.rules = rules;
    this.history.addAll(created.changes());
    this.study = created.after();
  }

  /** Opens the study, or throws if the rules refuse the creation. */
  static IdempotentStudy open(StudyRules rules, NewStudy command) {
    Decision decision = rules.create(command);
    if (!(decision instanceof Decision.Accepted accepted)) {
      throw new IllegalArgumentException("creation refused: " + decision);
    }
    return new IdempotentStudy(rules, accepted);
  }

  Result submit(Transition transition) {
    Accepted earlier = acceptedByKey.get(transition.idempotencyKey());
    if (earlier != null) {
      return earlier.fingerprint().equals(transition.fingerprint())
          ? new Result.Duplicate(earlier.decision())
          : new Result.Conflict(transition.idempotencyKey(), earlier.fingerprint());
    }
    Decision decision = rules.decide(study, transition);
    if (decision instanceof Decision.Accepted accepted) {
      history.addAll(accepted.changes());
      study = accepted.after();
      acceptedByKey.put(
          transition.idempotencyKey(), new Accepted(transition.fingerprint(), accepted));
    }
    return new Result.Decided(decision);
  }

  /** Runs the hold deadline timer at {@code now}, appending and applying what it returns. */
  List<Change> expireHolds(Instant now) {
    List<Change> changes = rules.expireHolds(study, now);
    for (Change change : changes) {
      history.add(change);
      study = study.evolve(change);
    }
    return changes;
  }

  Study study() {
    return study;
  }

  List<Change> history() {
    return List.copyOf(history);
  }

  /** The keys accepted so far, each with the fingerprint it was accepted under. */
  Map<String, String> acceptedFingerprints() {
    Map<String, String> byKey = new HashMap<>();
    acceptedByKey.forEach((key, accepted) -> byKey.put(key, accepted.fingerprint()));
    return byKey;
  }
}
