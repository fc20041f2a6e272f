package org.radflow.orchestration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.radflow.db.StoreOnFreshDatabase;
import org.radflow.orchestration.PatientUpdateLog;
import org.radflow.orchestration.PatientUpdateLog.Noted;
import org.radflow.study.PatientRef;

/** The clauses of {@link PatientUpdateLog}, run against every database by a short subclass. */
abstract class PatientUpdateLogContractTest extends StoreOnFreshDatabase {

  static final PatientRef JANE = new PatientRef("HOSP", "P1");
  static final PatientRef JOHN = new PatientRef("HOSP", "P2");
  static final PatientRef JANE_ELSEWHERE = new PatientRef("CLINIC", "P1");
  static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  PatientUpdateLog log() {
    return stores.patientUpdates();
  }

  @Test
  void aPatientNeverUpdatedHasNoLastUpdate() {
    assertThat(log().last(JANE)).isEmpty();
  }

  @Test
  void theLastUpdateNotedIsReadBackWithItsTime() {
    log().note(JANE, "d1", T0);

    assertThat(log().last(JANE)).contains(new Noted(JANE, "d1", T0));
  }

  @Test
  void aLaterUpdateReplacesTheOneBefore() {
    log().note(JANE, "d1", T0);
    log().note(JANE, "d2", T0.plusSeconds(60));

    assertThat(log().last(JANE)).contains(new Noted(JANE, "d2", T0.plusSeconds(60)));
  }

  @Test
  void patientsAreKeptApartByIdentifierAndAuthority() {
    log().note(JANE, "d1", T0);
    log().note(JOHN, "d2", T0);
    log().note(JANE_ELSEWHERE, "d3", T0);

    assertThat(log().last(JANE).orElseThrow().contentDigest()).isEqualTo("d1");
    assertThat(log().last(JOHN).orElseThrow().contentDigest()).isEqualTo("d2");
    assertThat(log().last(JANE_ELSEWHERE).orElseThrow().contentDigest()).isEqualTo("d3");
  }
}
