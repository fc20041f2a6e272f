package org.radflow.tracing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * A real OTLP/HTTP trace receiver, as a collector would be: it accepts the exporter's protobuf
 * {@code POST /v1/traces}, decodes it with the collector's own messages and keeps every span. A
 * test points radflow at {@link #endpoint()} and reads back what radflow exported.
 */
public final class OtlpReceiver implements AutoCloseable {

  private static final HexFormat HEX = HexFormat.of();

  private final HttpServer server;
  private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();

  private OtlpReceiver(HttpServer server) {
    this.server = server;
  }

  /** Starts listening on a free loopback port. */
  public static OtlpReceiver start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    OtlpReceiver receiver = new OtlpReceiver(server);
    server.createContext("/v1/traces", receiver::export);
    server.start();
    return receiver;
  }

  /** The traces endpoint, for {@code management.opentelemetry.tracing.export.otlp.endpoint}. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
  }

  /** Every span received so far. */
  public List<ReceivedSpan> spans() {
    return List.copyOf(spans);
  }

  /** How many export requests arrived. */
  public int requests() {
    return requests.get();
  }

  /** The spans of one trace. */
  public List<ReceivedSpan> trace(String traceId) {
    return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
  }

  private void export(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      requests.incrementAndGet();
      ExportTraceServiceRequest request;
      try (InputStream body = body(exchange)) {
        request = ExportTraceServiceRequest.parseFrom(body);
      }
      for (ResourceSpans resource : request.getResourceSpansList()) {
        String service = attributes(resource.getResource()).getOrDefault("service.name", "");
        for (ScopeSpans scope : resource.getScopeSpansList()) {
          for (Span span : scope.getSpansList()) {
            spans.add(received(service, span));
          }
        }
      }
      byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        exchange.getResponseBody().write(answer);
      }
    }
  }

  private static InputStream body(HttpExchange exchange) throws IOException {
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    InputStream body = exchange.getRequestBody();
    return "gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(body) : body;
  }

  private static ReceivedSpan received(String service, Span span) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (KeyValue kv : span.getAttributesList()) {
      attributes.put(kv.getKey(), text(kv.getValue()));
    }
    return new ReceivedSpan(
        service,
        HEX.formatHex(span.getTraceId().toByteArray()),
        HEX.formatHex(span.getSpanId().toByteArray()),
        span.getParentSpanId().isEmpty() ? "" : HEX.formatHex(span.getParentSpanId().toByteArray()),
        span.getName(),
        span.getStartTimeUnixNano(),
        span.getEndTimeUnixNano(),
        attributes);
  }

  private static Map<String, String> attributes(Resource resource) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (KeyValue kv : resource.getAttributesList()) {
      attributes.put(kv.getKey(), text(kv.getValue()));
    }
    return attributes;
  }

  private static String text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case INT_VALUE -> Long.toString(value.getIntValue());
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      default -> value.toString().strip();
    };
  }

  /** The spans of a trace as an indented tree, children under their parent in start order. */
  public static String tree(List<ReceivedSpan> trace, List<String> keys) {
    Map<String, List<ReceivedSpan>> children = new LinkedHashMap<>();
    List<String> ids = trace.stream().map(ReceivedSpan::spanId).toList();
    List<ReceivedSpan> roots = new ArrayList<>();
    List<ReceivedSpan> ordered = new ArrayList<>(trace);
    ordered.sort(java.util.Comparator.comparingLong(ReceivedSpan::startNanos));
    for (ReceivedSpan span : ordered) {
      if (span.parentSpanId().isEmpty() || !ids.contains(span.parentSpanId())) {
        roots.add(span);
      } else {
        children.computeIfAbsent(span.parentSpanId(), k -> new ArrayList<>()).add(span);
      }
    }
    StringBuilder out = new StringBuilder();
    long origin = ordered.isEmpty() ? 0 : ordered.get(0).startNanos();
    for (ReceivedSpan root : roots) {
      print(out, root, children, keys, origin, 0);
    }
    return out.toString();
  }

  private static void print(
      StringBuilder out,
      ReceivedSpan span,
      Map<String, List<ReceivedSpan>> children,
      List<String> keys,
      long origin,
      int depth) {
    out.append("  ".repeat(depth))
        .append(depth == 0 ? "" : "└ ")
        .append(span.name())
        .append(
            String.format(
                java.util.Locale.ROOT,
                "  [+%.1f ms, %.2f ms]",
                (span.startNanos() - origin) / 1e6,
                (span.endNanos() - span.startNanos()) / 1e6));
    for (String key : keys) {
      String value = span.attributes().get(key);
      if (value != null) {
        out.append(' ').append(key).append('=').append(value);
      }
    }
    out.append("  span=").append(span.spanId()).append('\n');
    for (ReceivedSpan child : children.getOrDefault(span.spanId(), List.of())) {
      print(out, child, children, keys, origin, depth + 1);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** One span as the exporter sent it; ids in lower-case hex, parent empty for a root. */
  public record ReceivedSpan(
      String service,
      String traceId,
      String spanId,
      String parentSpanId,
      String name,
      long startNanos,
      long endNanos,
      Map<String, String> attributes) {}
}
