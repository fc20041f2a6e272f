package org.radflow.config;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Tracing is on exactly when an OTLP endpoint is set, by Spring's name ({@value #ENDPOINT}) or by
 * the OpenTelemetry SDK's standard environment: {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} (the
 * full URL), else {@code OTEL_EXPORTER_OTLP_ENDPOINT} (the collector's base URL, to which the spec
 * appends {@code /v1/traces}). Spring Boot reads neither variable itself; {@code OTEL_SERVICE_NAME}
 * and {@code OTEL_RESOURCE_ATTRIBUTES} it reads already.
 *
 * <p>On, every trace is sampled unless {@code management.tracing.sampling.probability} says
 * otherwise: radflow makes a handful of spans per study, and a study's trace is wanted whole. Off,
 * export is disabled (Spring Boot would build no exporter without the endpoint anyway), the
 * probability is 0 so the request spans Spring still makes record nothing, and radflow's own spans
 * are {@link org.radflow.tracing.Tracing#OFF}.
 */
public final class TracingEnvironment implements EnvironmentPostProcessor {

  static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
  static final String PROBABILITY = "management.tracing.sampling.probability";
  static final String EXPORT = "management.tracing.export.enabled";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    String endpoint = endpoint(environment);
    Map<String, Object> settings = new HashMap<>();
    if (endpoint == null) {
      settings.put(PROBABILITY, "0.0");
      // also keeps the empty trace-id column out of plain-text log lines (Boot adds it whenever
      // export is enabled and Micrometer Tracing is on the classpath)
      settings.put(EXPORT, "false");
    } else {
      settings.put(ENDPOINT, endpoint);
      if (!environment.containsProperty(PROBABILITY)) {
        settings.put(PROBABILITY, "1.0");
      }
    }
    // last: anything the operator set explicitly wins, except the endpoint derived above
    environment.getPropertySources().addLast(new MapPropertySource("radflowTracing", settings));
  }

  /** The traces endpoint the operator set, or null: tracing off. */
  static String endpoint(ConfigurableEnvironment environment) {
    String spring = environment.getProperty(ENDPOINT);
    if (present(spring)) {
      return spring;
    }
    String traces = environment.getProperty("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
    if (present(traces)) {
      return traces;
    }
    String base = environment.getProperty("OTEL_EXPORTER_OTLP_ENDPOINT");
    if (present(base)) {
      return base.replaceAll("/+$", "") + "/v1/traces";
    }
    return null;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
