package org.radflow.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.radflow.national.DocumentPackage;
import org.radflow.study.BusinessKey;
import org.radflow.study.Change;
import org.radflow.study.EntryKind;
import org.radflow.study.ImagingState;
import org.radflow.study.NewStudy;
import org.radflow.study.PatientRef;
import org.radflow.study.Source;
import org.radflow.study.Study;
import org.radflow.study.StudyId;
import org.radflow.study.Transition;
import org.radflow.study.TransitionType;

class ReportPackagesTest {

  private static final Instant FINALISED = Instant.parse("2026-03-01T10:15:00Z");
  private static final StudyId ID =
      new StudyId(UUID.fromString("7f0c1f9e-3a55-4c1e-9a43-1d2e3f4a5b6c"));
  private static final String IHI = "8003608166690503";

  @Test
  void publication_is_version_1_even_when_an_amendment_came_first() {
    Study amended = amended(finalised(), 1);

    DocumentPackage first = ReportPackages.first(amended, IHI);
    DocumentPackage amendment = ReportPackages.amendment(amended, IHI, first.documentId());

    assertThat(first.version()).isEqualTo(1);
    assertThat(first.supersedes()).isNull();
    assertThat(first.authored()).isEqualTo(FINALISED);
    assertThat(amendment.version()).isEqualTo(2);
    assertThat(amendment.documentId()).isNotEqualTo(first.documentId());
    assertThat(amendment.setId()).isEqualTo(first.setId());
    assertThat(amendment.supersedes()).isEqualTo(first.documentId());
    assertThat(amendment.report().ref()).isNotEqualTo(first.report().ref());
  }

  @Test
  void each_amendment_is_one_version_later_and_the_same_study_gives_the_same_package() {
    Study twice = amended(amended(finalised(), 1), 2);

    DocumentPackage second = ReportPackages.amendment(twice, IHI, "2.25.1");

    assertThat(second.version()).isEqualTo(3);
    assertThat(second.authored()).isEqualTo(FINALISED.plusSeconds(120));
    assertThat(second.documentId()).isEqualTo(DocumentPackage.documentId(ID.value(), 3, IHI));
    assertThat(ReportPackages.amendment(twice, IHI, "2.25.1").toJson()).isEqualTo(second.toJson());
  }

  private static Study finalised() {
    NewStudy joined =
        new NewStudy(
            ID,
            new BusinessKey("RAD-HOSP", "ACC-123"),
            new PatientRef("MRN-HOSP", "P-1"),
            EntryKind.DOWNTIME_RECOVERY,
            ImagingState.REPORT_FINALISED,
            FINALISED,
            FINALISED,
            new Source("ris", "MSG-1"),
            "hl7-inbound",
            Map.of("procedure", "CT Chest"),
            List.of());
    return Study.replay(List.of(new Change.Created(joined)));
  }

  private static Study amended(Study study, int minutes) {
    Instant at = FINALISED.plusSeconds(60L * minutes);
    Transition amendment =
        new Transition(
            TransitionType.REPORT_AMENDED,
            "amended-" + minutes,
            at,
            at,
            new Source("ris", "MSG-A" + minutes),
            "hl7-inbound",
            Map.of(),
            List.of());
    return study.evolve(new Change.Applied(amendment, at, false));
  }
}
