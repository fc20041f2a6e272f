package org.radflow.lifecycle;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.radflow.study.PatientRef;
import org.radflow.study.Source;
import org.radflow.study.StudyId;
import org.radflow.study.TransitionType;
import org.radflow.tracing.TraceSpan;
import org.radflow.tracing.Tracing;

/** Turns adapter requests into store commands. */
public final class StudyLifecycle {

  private static final int HOLD_SWEEP_BATCH = 500;

  private final StudyStore store;
  private final Clock clock;
  private final MeterRegistry meters;
  private final Tracing tracing;

  public StudyLifecycle(StudyStore store, Clock clock) {
    this(store, clock, Metrics.globalRegistry);
  }

  public StudyLifecycle(StudyStore store, Clock clock, MeterRegistry meters) {
    this(store, clock, meters, Tracing.OFF);
  }

  /**
   * @param meters receives {@code radflow.commands} (count by command, type and outcome) and {@code
   *     radflow.command.duration}
   * @param tracing makes a {@code radflow.commit} span of each command, a child of the caller's
   *     span (the HTTP request, the HL7 message, the step's finish); the store records its
   *     traceparent with what the command writes
   */
  public StudyLifecycle(StudyStore store, Clock clock, MeterRegistry meters, Tracing tracing) {
    this.store = store;
    this.clock = clock;
    this.meters = meters;
    this.tracing = tracing;
  }

  /** Record time: when radflow learned it, at the precision both databases keep. */
  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  public CreateResult open(StudyDraft draft) {
    Timer.Sample sample = Timer.start(meters);
    CreateResult result;
    try (TraceSpan span = tracing.start("radflow.commit", null)) {
      span.tag("radflow.command", "open").tag("radflow.entry.kind", draft.entryKind().name());
      result = store.create(draft.toCommand(StudyId.random(), now()));
      span.tag("radflow.outcome", outcomeName(result));
      if (result instanceof CreateResult.Created created) {
        span.tag("radflow.study.id", created.study().id().toString());
      }
    }
    count(sample, "open", draft.entryKind().name(), result);
    return result;
  }

  public ApplyResult apply(StudyId id, TransitionDraft draft, Long expectedVersion) {
    return apply(id, draft, expectedVersion, null);
  }

  /**
   * Applies a transition that arrived in a transport message: a redelivery of the message is
   * answered from the inbox with its first outcome (see {@link StudyStore#apply(StudyId,
   * org.radflow.study.Transition, Long, InboundMessage)}).
   *
   * @param message the message it arrived in, or {@code null}
   */
  public ApplyResult apply(
      StudyId id, TransitionDraft draft, Long expectedVersion, InboundMessage message) {
    Timer.Sample sample = Timer.start(meters);
    ApplyResult result;
    String outcome;
    try (TraceSpan span = tracing.start("radflow.commit", null)) {
      span.tag("radflow.command", "transition")
          .tag("radflow.transition.type", draft.type().name())
          .tag("radflow.study.id", id.toString());
      result =
          message == null
              ? store.apply(id, draft.toCommand(now()), expectedVersion)
              : store.apply(id, draft.toCommand(now()), expectedVersion, message);
      outcome =
          result instanceof ApplyResult.Committed committed
              ? committed.outcome().name().toLowerCase(java.util.Locale.ROOT)
              : null;
      span.tag("radflow.outcome", outcome == null ? outcomeName(result) : outcome);
    }
    count(sample, "transition", draft.type().name(), outcome == null ? result : outcome);
    return result;
  }

  private static String outcomeName(Object result) {
    return result.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  private void count(Timer.Sample sample, String command, String type, Object result) {
    String outcome = result instanceof String text ? text : outcomeName(result);
    sample.stop(meters.timer("radflow.command.duration", "command", command));
    meters
        .counter("radflow.commands", "command", command, "type", type, "outcome", outcome)
        .increment();
  }

  /**
   * Re-parents every study of {@code retired} to {@code surviving}, one transaction per study (a
   * transaction never spans two studies). Re-sending a merge is safe: studies already moved no
   * longer belong to the retired identity, and a merge interrupted half-way completes. The
   * idempotency key names this merge event (the pair and when it happened), so a later merge of the
   * same pair — after an unmerge the other way — applies again.
   *
   * @param businessTime when the merge happened (ADT^A40 EVN-2), or null for now
   */
  public MergeResult mergePatient(
      PatientRef retired, PatientRef surviving, Instant businessTime, Source source, String actor) {
    if (retired.equals(surviving)) {
      return new MergeResult.Refused(
          "retired and surviving are the same patient (" + retired + "); nothing to merge");
    }
    Instant when = businessTime == null ? now() : businessTime;
    // the link first: a study opened for the retired identity from now on joins the survivor,
    // and a merge re-sent after a crash finds the link already there
    store.linkPatient(retired, surviving, when);
    TransitionDraft draft =
        new TransitionDraft(
            TransitionType.PATIENT_MERGED,
            mergeKey(retired, surviving, when),
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
    return new MergeResult.Merged(new PatientMerge(retired, surviving, outcomes));
  }

  /** A key of bounded length whatever the identifiers' lengths. */
  static String mergeKey(PatientRef retired, PatientRef surviving, Instant when) {
    String event =
        retired.assigningAuthority().length()
            + ":"
            + retired
            + "|"
            + surviving.assigningAuthority().length()
            + ":"
            + surviving
            + "|"
            + when;
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(event.getBytes(StandardCharsets.UTF_8));
      return "patient-merge:" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-256", e);
    }
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
