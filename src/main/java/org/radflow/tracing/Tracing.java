package org.radflow.tracing;

import java.time.Instant;
import java.util.Optional;

/**
 * Spans and the W3C {@code traceparent} that links them. A span started here is current on the
 * starting thread until it is closed, so work done inside it (a commit, a call) sees it as its
 * parent and can store its {@code traceparent}.
 */
public interface Tracing {

  /** No spans, no trace context: what radflow uses when no OTLP endpoint is set. */
  Tracing OFF = new Off();

  /** The {@code traceparent} of the span current on this thread, if any. */
  Optional<String> traceparent();

  /**
   * Starts a span and makes it current on this thread until {@link TraceSpan#close()}.
   *
   * @param parent a stored {@code traceparent} to continue, or {@code null} for the span current on
   *     this thread (a new trace when there is none)
   */
  TraceSpan start(String name, String parent);

  /**
   * Starts a span without making it current, for several spans open at once on one thread (a relay
   * publishing a batch).
   *
   * @param parent a stored {@code traceparent} to continue, or {@code null} for a new trace
   */
  TraceSpan open(String name, String parent);

  /**
   * Records a span that already happened between {@code start} and {@code end}, for work whose
   * trace is learnt only after it (claiming a step tells which trace the step belongs to).
   */
  void record(String name, String parent, Instant start, Instant end, String... keyValues);

  /** Whether spans are made at all; callers skip building attributes when not. */
  boolean enabled();

  /** The null object: every span a no-op, no context ever. */
  final class Off implements Tracing {
    private Off() {}

    @Override
    public Optional<String> traceparent() {
      return Optional.empty();
    }

    @Override
    public TraceSpan start(String name, String parent) {
      return TraceSpan.NONE;
    }

    @Override
    public TraceSpan open(String name, String parent) {
      return TraceSpan.NONE;
    }

    @Override
    public void record(String name, String parent, Instant start, Instant end, String... kv) {}

    @Override
    public boolean enabled() {
      return false;
    }
  }
}
