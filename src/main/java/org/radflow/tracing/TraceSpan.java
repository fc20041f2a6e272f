package org.radflow.tracing;

/** A started span, current on its thread until closed. Closing ends it. */
public interface TraceSpan extends AutoCloseable {

  /** The span of {@link Tracing#OFF}: records nothing. */
  TraceSpan NONE =
      new TraceSpan() {
        @Override
        public TraceSpan tag(String key, String value) {
          return this;
        }

        @Override
        public void error(Throwable error) {}

        @Override
        public String traceparent() {
          return null;
        }

        @Override
        public void close() {}
      };

  /** Adds an attribute; a null value is left out. */
  TraceSpan tag(String key, String value);

  /** Marks the span failed with {@code error}. */
  void error(Throwable error);

  /** This span's W3C {@code traceparent}, or {@code null} when it records nothing. */
  String traceparent();

  @Override
  void close();
}
