package org.radflow.ports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.radflow.workflow.Service;

/** The status-to-outcome table, including answers no simulator gives. */
class AnswersTest {

  @Test
  void success_reads_id_and_data() {
    assertThat(outcome(201, "{\"id\":\"x-1\",\"data\":{\"n\":\"3\"}}"))
        .isEqualTo(new PortOutcome.Done("x-1", Map.of("n", "3")));
  }

  @Test
  void success_without_an_id_or_json_is_failed() {
    assertThat(outcome(200, "{\"data\":{}}")).isInstanceOf(PortOutcome.Failed.class);
    assertThat(outcome(200, "<html>")).isInstanceOf(PortOutcome.Failed.class);
    assertThat(outcome(200, "")).isInstanceOf(PortOutcome.Failed.class);
  }

  @Test
  void refusals_carry_code_and_reason_or_fall_back_to_the_status() {
    assertThat(outcome(409, "{\"code\":\"DUP\",\"reason\":\"seen\"}"))
        .isEqualTo(new PortOutcome.Rejected("DUP", "seen"));
    assertThat(outcome(404, "not json"))
        .isEqualTo(new PortOutcome.Rejected("HTTP_404", "not found"));
    assertThat(outcome(400, "")).isEqualTo(new PortOutcome.Rejected("HTTP_400", "bad request"));
    assertThat(outcome(422, "{}")).isInstanceOf(PortOutcome.Rejected.class);
  }

  @Test
  void unavailable_only_for_503_and_failed_for_other_server_errors() {
    assertThat(outcome(503, "")).isInstanceOf(PortOutcome.Unavailable.class);
    assertThat(outcome(500, "")).isInstanceOf(PortOutcome.Failed.class);
    assertThat(outcome(502, "")).isInstanceOf(PortOutcome.Failed.class);
    assertThat(outcome(504, "")).isInstanceOf(PortOutcome.Failed.class);
  }

  private static PortOutcome outcome(int status, String body) {
    return Answers.toOutcome(
        Service.BILLING, "POST /charges", status, body.getBytes(StandardCharsets.UTF_8));
  }
}
