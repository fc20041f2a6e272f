package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.radflow.logging.LogFields;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

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

  @Test
  void whatARequestAboutAStudyLogsCarriesItsIdAndNothingAfterwards() throws Exception {
    AtomicReference<String> during = new AtomicReference<>();
    MockHttpServletRequest request =
        new MockHttpServletRequest("POST", "/api/v1/studies/" + ID + "/transitions");

    new StudyLogContext()
        .doFilter(
            request,
            new MockHttpServletResponse(),
            (req, res) -> during.set(MDC.get(LogFields.STUDY_ID)));

    assertThat(during.get()).isEqualTo(ID);
    assertThat(MDC.get(LogFields.STUDY_ID)).isNull();
  }
}
