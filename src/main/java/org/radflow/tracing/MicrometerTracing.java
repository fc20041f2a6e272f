package org.radflow.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@link Tracing} on Micrometer Tracing. A stored {@code traceparent} is continued through the
 * propagator (W3C), the same one that reads the header of an inbound HTTP request, so a span of a
 * step started on another node, days later, joins the trace of the commit that started it.
 */
public final class MicrometerTracing implements Tracing {

  private final Tracer tracer;
  private final Propagator propagator;

  public MicrometerTracing(Tracer tracer, Propagator propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  @Override
  public Optional<String> traceparent() {
    Span current = tracer.currentSpan();
    return current == null ? Optional.empty() : Optional.of(traceparent(current.context()));
  }

  @Override
  public TraceSpan start(String name, String parent) {
    Span span = builder(parent).name(name).start();
    return new Started(span, tracer.withSpan(span));
  }

  @Override
  public TraceSpan open(String name, String parent) {
    Span.Builder builder = parent == null ? tracer.spanBuilder().setNoParent() : builder(parent);
    return new Started(builder.name(name).start(), null);
  }

  @Override
  public void record(String name, String parent, Instant start, Instant end, String... keyValues) {
    Span.Builder builder =
        builder(parent).name(name).startTimestamp(micros(start), TimeUnit.MICROSECONDS);
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      if (keyValues[i + 1] != null) {
        builder.tag(keyValues[i], keyValues[i + 1]);
      }
    }
    builder.start().end(micros(end), TimeUnit.MICROSECONDS);
  }

  @Override
  public boolean enabled() {
    return true;
  }

  private Span.Builder builder(String parent) {
    if (parent == null) {
      Span current = tracer.currentSpan();
      Span.Builder builder = tracer.spanBuilder();
      return current == null ? builder.setNoParent() : builder.setParent(current.context());
    }
    return propagator.extract(Map.of("traceparent", parent), Map::get);
  }

  private static long micros(Instant at) {
    return TimeUnit.SECONDS.toMicros(at.getEpochSecond()) + at.getNano() / 1_000;
  }

  /** W3C trace context version 00: {@code 00-<trace id>-<span id>-<flags>}. */
  static String traceparent(TraceContext context) {
    return "00-"
        + context.traceId()
        + "-"
        + context.spanId()
        + (Boolean.TRUE.equals(context.sampled()) ? "-01" : "-00");
  }

  private static final class Started implements TraceSpan {
    private final Span span;
    private final Tracer.SpanInScope scope;

    Started(Span span, Tracer.SpanInScope scope) {
      this.span = span;
      this.scope = scope;
    }

    @Override
    public TraceSpan tag(String key, String value) {
      if (value != null) {
        span.tag(key, value);
      }
      return this;
    }

    @Override
    public void error(Throwable error) {
      span.error(error);
    }

    @Override
    public String traceparent() {
      return MicrometerTracing.traceparent(span.context());
    }

    @Override
    public void close() {
      if (scope != null) {
        scope.close();
      }
      span.end();
    }
  }
}
