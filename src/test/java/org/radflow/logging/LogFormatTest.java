package org.radflow.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogFormatTest {

  @Test
  void unsetOrBlankIsPlainText() {
    assertThat(LogFormat.parse(null)).isEqualTo(LogFormat.TEXT);
    assertThat(LogFormat.parse("  ")).isEqualTo(LogFormat.TEXT);
    assertThat(LogFormat.TEXT.structuredFormat()).isNull();
  }

  @Test
  void jsonIsElasticCommonSchemaWhateverItsCase() {
    assertThat(LogFormat.parse("json")).isEqualTo(LogFormat.JSON);
    assertThat(LogFormat.parse(" JSON ")).isEqualTo(LogFormat.JSON);
    assertThat(LogFormat.parse("Text")).isEqualTo(LogFormat.TEXT);
    assertThat(LogFormat.JSON.structuredFormat()).isEqualTo("ecs");
  }

  @Test
  void anyOtherValueIsRefusedNamingTheVariableAndTheAllowedValues() {
    assertThatThrownBy(() -> LogFormat.parse("logstash"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RADFLOW_LOG_FORMAT")
        .hasMessageContaining("'logstash'")
        .hasMessageContaining("text, json");
  }
}
