package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StudyLogContextTest {

  private static final String ID = "0b7d6a52-3f0e-4c55-9d8e-1c2b3a4d5e6f";

  @Test
  void aStudysApiPathsAndConsolePageNameIt() {
    assertThat(StudyLogContext.studyId("/api/v1/studies/" + ID)).isEqualTo(ID);
    assertThat(StudyLogContext.studyId("/api/v1/studies/" + ID + "/transitions")).isEqualTo(ID);
    assertThat(StudyLogContext.studyId("/console/studies/" + ID.toUpperCase())).isEqualTo(ID);
  }

  @Test
  void otherPathsAndValuesThatAreNotStudyIdsNameNone() {
    assertThat(StudyLogContext.studyId("/api/v1/studies")).isNull();
    assertThat(StudyLogContext.studyId("/api/v1/studies/ZEBEDEE")).isNull();
    assertThat(StudyLogContext.studyId("/api/v1/studies/" + ID + "x")).isNull();
    assertThat(StudyLogContext.studyId("/api/v1/tokens")).isNull();
    assertThat(StudyLogContext.studyId(null)).isNull();
  }
}
