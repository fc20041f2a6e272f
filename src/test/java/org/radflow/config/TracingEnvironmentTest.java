package org.radflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** Tracing is on exactly when an endpoint is set, by Spring's name or the OTEL_* variables. */
class TracingEnvironmentTest {

  private static final String ENDPOINT = TracingEnvironment.ENDPOINT;
  private static final String PROBABILITY = TracingEnvironment.PROBABILITY;

  @Test
  void withoutAnEndpointTracingIsOffAndNothingIsSampled() {
    MockEnvironment environment = processed(new MockEnvironment());

    assertThat(environment.getProperty(ENDPOINT)).isNull();
    assertThat(environment.getProperty(PROBABILITY)).isEqualTo("0.0");
    assertThat(environment.getProperty(TracingEnvironment.EXPORT)).isEqualTo("false");
  }

  @Test
  void theCollectorsBaseUrlGetsTheTracesPathAndEveryTraceIsSampled() {
    MockEnvironment environment =
        processed(
            new MockEnvironment()
                .withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/"));

    assertThat(environment.getProperty(ENDPOINT)).isEqualTo("http://collector:4318/v1/traces");
    assertThat(environment.getProperty(PROBABILITY)).isEqualTo("1.0");
    assertThat(environment.getProperty(TracingEnvironment.EXPORT)).isNull();
  }

  @Test
  void theTracesEndpointIsTakenAsItIsBeforeTheBaseUrl() {
    MockEnvironment environment =
        processed(
            new MockEnvironment()
                .withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")
                .withProperty("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://traces:9999/in"));

    assertThat(environment.getProperty(ENDPOINT)).isEqualTo("http://traces:9999/in");
  }

  @Test
  void springsOwnSettingsWinOverTheVariables() {
    MockEnvironment environment =
        processed(
            new MockEnvironment()
                .withProperty("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://traces:9999/in")
                .withProperty(ENDPOINT, "http://spring:4318/v1/traces")
                .withProperty(PROBABILITY, "0.25"));

    assertThat(environment.getProperty(ENDPOINT)).isEqualTo("http://spring:4318/v1/traces");
    assertThat(environment.getProperty(PROBABILITY)).isEqualTo("0.25");
  }

  private static MockEnvironment processed(MockEnvironment environment) {
    new TracingEnvironment().postProcessEnvironment(environment, new SpringApplication());
    return environment;
  }
}
