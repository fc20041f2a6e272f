package org.radflow.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.radflow.tracing.MicrometerTracing;
import org.radflow.tracing.Tracing;

/**
 * The tracer of a bench run, built as the server's is (Micrometer Tracing over the OpenTelemetry
 * SDK, every trace sampled, spans batched to OTLP/HTTP) but without Spring: {@code off} makes no
 * spans, {@code local} exports to a receiver in this process that reads and discards each export
 * (the cost of a collector is then the bench's own, as it would be a neighbour's in production), a
 * URL exports there.
 */
final class BenchTracing implements AutoCloseable {

  private final Tracing tracing;
  private final String endpoint;
  private final SdkTracerProvider provider;
  private final HttpServer receiver;
  private final AtomicLong exports = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  private BenchTracing(
      Tracing tracing, String endpoint, SdkTracerProvider provider, HttpServer receiver) {
    this.tracing = tracing;
    this.endpoint = endpoint;
    this.provider = provider;
    this.receiver = receiver;
  }

  static BenchTracing open(String mode) throws IOException {
    if (mode == null || mode.equals("off")) {
      return new BenchTracing(Tracing.OFF, null, null, null);
    }
    HttpServer receiver = null;
    String endpoint = mode;
    BenchTracing[] self = new BenchTracing[1];
    if (mode.equals("local")) {
      receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      receiver.createContext("/v1/traces", exchange -> self[0].discard(exchange));
      receiver.start();
      endpoint = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/v1/traces";
    } else if (!mode.startsWith("http://") && !mode.startsWith("https://")) {
      throw new IllegalArgumentException("--tracing takes off, local or an OTLP/HTTP traces URL");
    }
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setSampler(Sampler.alwaysOn())
            .setResource(
                Resource.getDefault()
                    .merge(
                        Resource.create(
                            Attributes.of(
                                AttributeKey.stringKey("service.name"), "radflow-bench"))))
            .addSpanProcessor(
                BatchSpanProcessor.builder(
                        OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build())
                    .build())
            .build();
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(provider)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    io.opentelemetry.api.trace.Tracer otel = sdk.getTracer("org.radflow");
    MicrometerTracing tracing =
        new MicrometerTracing(
            new OtelTracer(otel, new OtelCurrentTraceContext(), event -> {}),
            new OtelPropagator(sdk.getPropagators(), otel));
    self[0] = new BenchTracing(tracing, endpoint, provider, receiver);
    return self[0];
  }

  Tracing tracing() {
    return tracing;
  }

  /** Exports what is still batched, so the receiver's count covers the run. */
  void flush() {
    if (provider != null) {
      provider.forceFlush().join(30, TimeUnit.SECONDS);
    }
  }

  String describe() {
    if (provider == null) {
      return "off";
    }
    return "on, every command a span, exported by OTLP/HTTP to "
        + endpoint
        + (receiver == null
            ? ""
            : String.format(
                java.util.Locale.ROOT,
                " (in-process receiver: %d exports, %.1f MB so far)",
                exports.get(),
                bytes.get() / 1e6));
  }

  private void discard(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream body = exchange.getRequestBody()) {
      bytes.addAndGet(body.transferTo(java.io.OutputStream.nullOutputStream()));
      exports.incrementAndGet();
      exchange.sendResponseHeaders(200, -1);
    }
  }

  @Override
  public void close() {
    if (provider != null) {
      provider.shutdown().join(30, TimeUnit.SECONDS);
    }
    if (receiver != null) {
      receiver.stop(0);
    }
  }
}
