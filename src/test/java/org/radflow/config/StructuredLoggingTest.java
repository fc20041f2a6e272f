package org.radflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

class StructuredLoggingTest {

  private final StructuredLogging postProcessor = new StructuredLogging();

  @Test
  void jsonTurnsOnElasticCommonSchemaForTheConsoleAndTheFile() {
    MockEnvironment environment = new MockEnvironment().withProperty("radflow.log.format", "json");

    postProcessor.postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
    assertThat(environment.getProperty("logging.structured.format.file")).isEqualTo("ecs");
  }

  @Test
  void unsetLeavesBootsPlainText() {
    MockEnvironment environment = new MockEnvironment();

    postProcessor.postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("logging.structured.format.console")).isNull();
    assertThat(environment.getProperty("logging.structured.format.file")).isNull();
  }

  @Test
  void anExplicitStructuredFormatWins() {
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty("radflow.log.format", "json")
            .withProperty("logging.structured.format.console", "logstash");

    postProcessor.postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("logstash");
    assertThat(environment.getProperty("logging.structured.format.file")).isEqualTo("ecs");
  }

  @Test
  void anUnknownFormatStopsTheStartWithTheAllowedValues() {
    MockEnvironment environment = new MockEnvironment().withProperty("radflow.log.format", "yaml");

    assertThatThrownBy(
            () -> postProcessor.postProcessEnvironment(environment, new SpringApplication()))
        .isInstanceOf(StructuredLogging.InvalidLogFormat.class)
        .hasMessageContaining("RADFLOW_LOG_FORMAT is 'yaml'")
        .hasMessageContaining("text, json");
    FailureAnalysis analysis =
        new InvalidLogFormatAnalyzer()
            .analyze(new StructuredLogging.InvalidLogFormat("RADFLOW_LOG_FORMAT is 'yaml'"));
    assertThat(analysis.getAction()).contains("RADFLOW_LOG_FORMAT").contains("text, json");
  }
}
