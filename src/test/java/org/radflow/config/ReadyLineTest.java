package org.radflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadyLineTest {

  @Test
  void saysWhereRadflowListensAndWhereItsDataIs() {
    assertThat(ReadyLine.line("127.0.0.1", 8080, "127.0.0.1:2575", "./data"))
        .isEqualTo(
            "radflow ready: http://127.0.0.1:8080 (API docs /api/v1/docs) · MLLP 127.0.0.1:2575"
                + " · data ./data");
    assertThat(ReadyLine.line("127.0.0.1", 8080, null, "./data")).contains("· MLLP off ·");
  }
}
