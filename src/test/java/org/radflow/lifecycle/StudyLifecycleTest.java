package org.radflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radflow.config.StoreSettings;
import org.radflow.config.Stores;
import org.radflow.db.Databases;
import org.radflow.study.BusinessKey;
import org.radflow.study.EndToEndStatus;
import org.radflow.study.EntryKind;
import org.radflow.study.ImagingState;
import org.radflow.study.PatientRef;
import org.radflow.study.Source;
import org.radflow.study.StudyId;
import org.radflow.study.TransitionType;

class StudyLifecycleTest {

  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

  @TempDir Path home;
  private Stores store;
  private MutableClock clock;
  private StudyLifecycle lifecycle;
  private SimpleMeterRegistry meters;

  @BeforeEach
  void open() {
    store =
        Stores.open(
            Databases.sqliteUrl(home),
            null,
            null,
            2,
            new StoreSettings(StoreSettings.DEFAULT_INLINE_LIMIT, Duration.ofMinutes(30)));
    clock = new MutableClock(T0);
    meters = new SimpleMeterRegistry();
    lifecycle = new StudyLifecycle(store.studies(), clock, meters);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aResentOrderWithoutBusinessTimeIsTheSameStudyNotAConflict() {
    CreateResult first = lifecycle.open(order("ACC-1", null));
    clock.advance(Duration.ofMinutes(3));
    CreateResult again = lifecycle.open(order("ACC-1", null));

    assertThat(first).isInstanceOf(CreateResult.Created.class);
    assertThat(again).isInstanceOf(CreateResult.Existing.class);
  }

  @Test
  void aResentTransitionWithoutBusinessTimeIsADuplicateNotAConflict() {
    StudyId id = created(order("ACC-1", T0));
    clock.advance(Duration.ofSeconds(5));
    ApplyResult first =
        lifecycle.apply(id, step(TransitionType.IDENTITY_VALIDATED, "ihi", null), null);
    clock.advance(Duration.ofMinutes(10));
    ApplyResult again =
        lifecycle.apply(id, step(TransitionType.IDENTITY_VALIDATED, "ihi", null), null);

    assertThat(first).isInstanceOf(ApplyResult.Committed.class);
    assertThat(again).isInstanceOf(ApplyResult.Duplicate.class);
    assertThat(store.studies().conflicts(id)).isEmpty();
    assertThat(commands("IDENTITY_VALIDATED", "applied")).isEqualTo(1);
    assertThat(commands("IDENTITY_VALIDATED", "duplicate")).isEqualTo(1);
  }

  @Test
  void aStatedBusinessTimeThatChangesUnderOneKeyIsStillAConflict() {
    StudyId id = created(order("ACC-1", T0));
    lifecycle.apply(id, step(TransitionType.IDENTITY_VALIDATED, "ihi", T0.plusSeconds(60)), null);
    ApplyResult other =
        lifecycle.apply(
            id, step(TransitionType.IDENTITY_VALIDATED, "ihi", T0.plusSeconds(90)), null);

    assertThat(other).isInstanceOf(ApplyResult.Conflict.class);
    assertThat(store.studies().conflicts(id)).hasSize(1);
  }

  @Test
  void recordTimeComesFromTheClockAtMicrosecondPrecision() {
    clock.set(Instant.parse("2026-03-01T09:00:00.123456789Z"));
    StudyId id = created(order("ACC-1", T0));

    assertThat(store.studies().find(id).orElseThrow().createdAt())
        .isEqualTo(Instant.parse("2026-03-01T09:00:00.123456Z"));
  }

  @Test
  void aPatientMergeReparentsEveryStudyOnceEvenWhenSentTwice() {
    StudyId a = created(order("ACC-1", T0));
    StudyId b = created(order("ACC-2", T0));
    PatientRef retired = new PatientRef("IHI", "P-1");
    PatientRef surviving = new PatientRef("IHI", "P-9");

    PatientMerge merge =
        merged(lifecycle.mergePatient(retired, surviving, T0, Source.of("pas"), "pas"));
    PatientMerge resent =
        merged(lifecycle.mergePatient(retired, surviving, T0, Source.of("pas"), "pas"));

    assertThat(merge.studies())
        .extracting(PatientMerge.StudyOutcome::studyId)
        .containsExactly(a, b);
    assertThat(merge.studies())
        .allSatisfy(o -> assertThat(o.result()).isInstanceOf(ApplyResult.Committed.class));
    assertThat(resent.studies()).isEmpty();
    assertThat(store.studies().studiesOfPatient(surviving)).containsExactly(a, b);
    assertThat(store.studies().find(a).orElseThrow().mergedFrom()).containsExactly(retired);
  }

  @Test
  void mergingBackAndForthFollowsEveryMergeEvent() {
    StudyId a = created(order("ACC-1", T0));
    PatientRef p1 = new PatientRef("IHI", "P-1");
    PatientRef p2 = new PatientRef("IHI", "P-2");

    merged(lifecycle.mergePatient(p1, p2, T0.plusSeconds(60), Source.of("pas"), "pas"));
    merged(lifecycle.mergePatient(p2, p1, T0.plusSeconds(120), Source.of("pas"), "pas"));
    merged(lifecycle.mergePatient(p1, p2, T0.plusSeconds(180), Source.of("pas"), "pas"));

    assertThat(store.studies().find(a).orElseThrow().patient()).isEqualTo(p2);
    assertThat(store.studies().find(a).orElseThrow().mergedFrom()).containsExactly(p1, p2, p1);
  }

  @Test
  void longIdentifiersStillMakeAValidMergeKey() {
    PatientRef retired = new PatientRef("A".repeat(64), "1".repeat(64));
    PatientRef surviving = new PatientRef("B".repeat(64), "2".repeat(64));
    StudyId id =
        ((CreateResult.Created)
                lifecycle.open(
                    new StudyDraft(
                        new BusinessKey("RAD", "ACC-LONG"),
                        retired,
                        EntryKind.SCHEDULED,
                        ImagingState.NOT_STARTED,
                        T0,
                        Source.of("ris"),
                        "ris",
                        Map.of(),
                        List.of())))
            .study()
            .id();

    PatientMerge merge =
        merged(lifecycle.mergePatient(retired, surviving, T0, Source.of("pas"), "pas"));

    assertThat(merge.studies())
        .singleElement()
        .satisfies(o -> assertThat(o.result()).isInstanceOf(ApplyResult.Committed.class));
    assertThat(store.studies().find(id).orElseThrow().patient()).isEqualTo(surviving);
  }

  @Test
  void aPatientCannotBeMergedIntoItself() {
    PatientRef p = new PatientRef("IHI", "P-1");

    assertThat(lifecycle.mergePatient(p, p, T0, Source.of("pas"), "pas"))
        .isInstanceOf(MergeResult.Refused.class);
  }

  private static PatientMerge merged(MergeResult result) {
    return ((MergeResult.Merged) result).merge();
  }

  @Test
  void expiredHoldsMoveStudiesToTheExceptionLaneWhenTheClockPassesTheDeadline() {
    StudyId id = created(order("ACC-1", T0));
    lifecycle.apply(id, step(TransitionType.REPORT_FINALISED, "report", T0), null);
    assertThat(lifecycle.expireDueHolds()).isZero();

    clock.advance(Duration.ofMinutes(31));

    assertThat(lifecycle.expireDueHolds()).isEqualTo(1);
    assertThat(lifecycle.expireDueHolds()).isZero();
    assertThat(store.studies().find(id).orElseThrow().status().kind())
        .isEqualTo(EndToEndStatus.Kind.IN_EXCEPTION);
  }

  private double commands(String type, String outcome) {
    return meters
        .get("radflow.commands")
        .tags("command", "transition", "type", type, "outcome", outcome)
        .counter()
        .count();
  }

  private StudyId created(StudyDraft draft) {
    return ((CreateResult.Created) lifecycle.open(draft)).study().id();
  }

  private static StudyDraft order(String accession, Instant businessTime) {
    return new StudyDraft(
        new BusinessKey("RAD", accession),
        new PatientRef("IHI", "P-1"),
        EntryKind.SCHEDULED,
        ImagingState.NOT_STARTED,
        businessTime,
        new Source("ris", "MSG-" + accession),
        "ris",
        Map.of("modality", "CT"),
        List.of());
  }

  private static TransitionDraft step(TransitionType type, String key, Instant businessTime) {
    return new TransitionDraft(
        type, key, businessTime, new Source("ris", "MSG-" + key), "ris", Map.of(), List.of());
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    void set(Instant to) {
      now = to;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
