package org.radflow.lifecycle.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.radflow.study.BusinessKey;
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

class StudyCacheTest {

  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  private final StudyRules rules = new StudyRules(java.time.Duration.ofHours(1));

  @Test
  void servesAStudyOnlyAtTheVersionItWasCachedAt() {
    StudyCache cache = new StudyCache(10);
    Study v1 = opened("ACC-1");
    Study v2 = validated(v1);
    cache.put(v1);

    assertThat(cache.at(v1.id(), 1)).isEqualTo(v1);
    assertThat(cache.at(v1.id(), 2)).isNull();
    cache.put(v2);
    assertThat(cache.at(v1.id(), 2)).isEqualTo(v2);
    assertThat(cache.at(v1.id(), 1)).isNull();
  }

  @Test
  void neverGoesBackToAnOlderVersion() {
    StudyCache cache = new StudyCache(10);
    Study v1 = opened("ACC-1");
    Study v2 = validated(v1);
    cache.put(v2);
    cache.put(v1);

    assertThat(cache.at(v1.id(), 2)).isEqualTo(v2);
  }

  @Test
  void forgetsTheLeastRecentlyUsedBeyondItsCapacity() {
    StudyCache cache = new StudyCache(2);
    Study a = opened("ACC-A");
    Study b = opened("ACC-B");
    Study c = opened("ACC-C");
    cache.put(a);
    cache.put(b);
    cache.at(a.id(), 1);
    cache.put(c);

    assertThat(cache.at(a.id(), 1)).isEqualTo(a);
    assertThat(cache.at(b.id(), 1)).isNull();
    assertThat(cache.at(c.id(), 1)).isEqualTo(c);
  }

  private Study opened(String accession) {
    NewStudy command =
        new NewStudy(
            StudyId.random(),
            new BusinessKey("RAD", accession),
            new PatientRef("IHI", "P-1"),
            EntryKind.SCHEDULED,
            ImagingState.NOT_STARTED,
            T0,
            T0,
            Source.of("ris"),
            "ris",
            Map.of(),
            List.of());
    return ((Decision.Accepted) rules.create(command)).after();
  }

  private Study validated(Study study) {
    Instant at = T0.plus(1, ChronoUnit.MINUTES);
    Transition t =
        new Transition(
            TransitionType.IDENTITY_VALIDATED,
            "ihi",
            at,
            at,
            Source.of("ihi"),
            "ihi",
            Map.of(),
            List.of());
    return ((Decision.Accepted) rules.decide(study, t)).after();
  }
}
