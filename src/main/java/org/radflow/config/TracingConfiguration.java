package org.radflow.config;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.radflow.tracing.MicrometerTracing;
import org.radflow.tracing.Tracing;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * radflow's spans on the tracer Spring Boot builds (Micrometer Tracing over OpenTelemetry, exported
 * by OTLP), or none at all when no endpoint is set ({@link TracingEnvironment}).
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

  @Bean
  Tracing tracing(
      ConfigurableEnvironment environment,
      ObjectProvider<Tracer> tracer,
      ObjectProvider<Propagator> propagator) {
    Tracer available = tracer.getIfAvailable();
    Propagator propagating = propagator.getIfAvailable();
    if (TracingEnvironment.endpoint(environment) == null
        || available == null
        || available == Tracer.NOOP
        || propagating == null) {
      return Tracing.OFF;
    }
    return new MicrometerTracing(available, propagating);
  }
}
