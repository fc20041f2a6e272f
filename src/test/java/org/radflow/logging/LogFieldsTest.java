package org.radflow.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogFieldsTest {

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void aScopeSetsItsFieldsAndItsCloseLeavesNothingBehind() {
    UUID step = UUID.randomUUID();
    try (LogFields.Scope fields =
        LogFields.open().study("s-1").step(step).hl7ControlId("MSG-7").accession("A-1")) {
      assertThat(MDC.get(LogFields.STUDY_ID)).isEqualTo("s-1");
      assertThat(MDC.get(LogFields.STEP_ID)).isEqualTo(step.toString());
      assertThat(MDC.get(LogFields.HL7_CONTROL_ID)).isEqualTo("MSG-7");
      assertThat(MDC.get(LogFields.ACCESSION)).isEqualTo("A-1");
    }
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void anAccessionLearntInsideAScopeGoesWithIt() {
    try (LogFields.Scope fields = LogFields.open().study("s-1")) {
      LogFields.addAccession("A-2");
      assertThat(MDC.get(LogFields.ACCESSION)).isEqualTo("A-2");
    }
    assertThat(MDC.get(LogFields.ACCESSION)).isNull();
  }

  @Test
  void aNestedScopeGivesBackItsCallersFields() {
    try (LogFields.Scope outer = LogFields.open().study("outer").hl7ControlId("MSG-1")) {
      try (LogFields.Scope inner = LogFields.open().study("inner").step("step-1")) {
        assertThat(MDC.get(LogFields.STUDY_ID)).isEqualTo("inner");
        assertThat(MDC.get(LogFields.HL7_CONTROL_ID)).isEqualTo("MSG-1");
      }
      assertThat(MDC.get(LogFields.STUDY_ID)).isEqualTo("outer");
      assertThat(MDC.get(LogFields.STEP_ID)).isNull();
      assertThat(MDC.get(LogFields.HL7_CONTROL_ID)).isEqualTo("MSG-1");
    }
  }

  @Test
  void nullOrBlankValuesAreLeftOutAndOtherKeysAreLeftAlone() {
    MDC.put("traceId", "abc");
    try (LogFields.Scope fields = LogFields.open().study(null).accession(" ")) {
      assertThat(MDC.get(LogFields.STUDY_ID)).isNull();
      assertThat(MDC.get(LogFields.ACCESSION)).isNull();
    }
    assertThat(MDC.get("traceId")).isEqualTo("abc");
  }
}
