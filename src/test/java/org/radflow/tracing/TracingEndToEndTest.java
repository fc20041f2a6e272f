package org.radflow.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.radflow.api.Api;
import org.radflow.api.Bodies;
import org.radflow.api.SimulatedWorld;
import org.radflow.events.KafkaTestBroker;
import org.radflow.hl7.Hl7Messages;
import org.radflow.hl7.Hl7Service;
import org.radflow.hl7.RawMllp;
import org.radflow.tracing.OtlpReceiver.ReceivedSpan;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One order's trace, end to end: radflow exports to a real OTLP receiver, publishes to a real Kafka
 * broker and calls the simulated systems over HTTP. The order arrives over MLLP, which carries no
 * trace, so its message starts one; the commit, the steps it starts (claimed, called and finished
 * on worker threads, from the stored traceparent) and the relay's publication of its event all join
 * it, and the Kafka record names it in the CloudEvents distributed-tracing extension.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "radflow.mllp.port=0")
class TracingEndToEndTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final String TOPIC = "radflow.traced-events";
  private static final List<String> KEYS =
      List.of(
          "hl7.control_id",
          "hl7.message_type",
          "radflow.command",
          "radflow.transition.type",
          "radflow.outcome",
          "radflow.step.kind",
          "radflow.service",
          "radflow.answer",
          "radflow.event.type",
          "http.url",
          "uri",
          "method");

  private static OtlpReceiver receiver;
  private static KafkaTestBroker broker;
  private static SimulatedWorld world;

  @Autowired Hl7Service hl7;
  @Autowired Tracing tracing;
  @LocalServerPort int port;

  @DynamicPropertySource
  static void radflow(DynamicPropertyRegistry registry) throws Exception {
    receiver = OtlpReceiver.start();
    broker = KafkaTestBroker.start(Files.createTempFile("radflow-tracing-kafka", ".log"));
    broker.createTopic(TOPIC, 3);
    world = SimulatedWorld.start("radflow-tracing");
    world.register(
        registry,
        Map.of(
            "management.opentelemetry.tracing.export.otlp.endpoint",
            receiver.endpoint(),
            // set here too: a test's dynamic properties arrive after the environment is prepared,
            // where radflow saw no endpoint and turned sampling and export off
            "management.tracing.sampling.probability",
            "1.0",
            "management.tracing.export.enabled",
            "true",
            "management.opentelemetry.tracing.export.schedule-delay",
            "200ms",
            "radflow.kafka.bootstrap",
            broker.bootstrap(),
            "radflow.kafka.topic",
            TOPIC));
  }

  @AfterAll
  static void stop() {
    world.close();
    broker.close();
    receiver.close();
  }

  @Test
  void an_order_over_mllp_is_one_trace_through_its_commit_steps_and_kafka_record()
      throws Exception {
    assertThat(tracing).isInstanceOf(MicrometerTracing.class);
    // Boot's OpenTelemetry bridge puts the current span's ids in the logging MDC
    try (TraceSpan probe = tracing.start("radflow.test.mdc", null)) {
      assertThat(probe.traceparent()).contains("-" + MDC.get("spanId") + "-");
      assertThat(probe.traceparent()).startsWith("00-" + MDC.get("traceId") + "-");
    }
    String controlId = "CTRL-TRACE-1";
    try (RawMllp sender = new RawMllp(hl7.listener().port())) {
      String ack = sender.send(Hl7Messages.order("NW", controlId, "MRN-TRACE-1", "ACC-TRACE-1"));
      assertThat(RawMllp.code(ack)).as(ack).isEqualTo("AA");
    }

    ReceivedSpan message =
        await()
            .atMost(PATIENCE)
            .until(
                () -> span("radflow.hl7.message", "hl7.control_id", controlId), Optional::isPresent)
            .orElseThrow();
    assertThat(message.parentSpanId()).isEmpty();
    assertThat(message.attributes()).containsEntry("hl7.message_type", "ORM^O01");
    String traceId = message.traceId();

    // the steps run and the event is published asynchronously: wait for the whole chain
    await()
        .atMost(PATIENCE)
        .until(
            () -> names(traceId),
            names ->
                names.containsAll(
                    List.of(
                        "radflow.commit",
                        "radflow.step.claim",
                        "radflow.step.call",
                        "radflow.step.finish",
                        "radflow.relay.publish")));
    List<ReceivedSpan> trace = receiver.trace(traceId);
    ReceivedSpan commit = only(trace, "radflow.commit", message.spanId());
    assertThat(commit.attributes()).containsEntry("radflow.command", "open");
    String studyId = commit.attributes().get("radflow.study.id");
    assertThat(studyId).isNotBlank();
    // the first step's spans continue the trace stored with the commit that started it
    assertThat(trace)
        .filteredOn(s -> s.name().startsWith("radflow.step."))
        .filteredOn(s -> "VALIDATE_IDENTITY".equals(s.attributes().get("radflow.step.kind")))
        .extracting(ReceivedSpan::name, ReceivedSpan::parentSpanId)
        .contains(
            org.assertj.core.groups.Tuple.tuple("radflow.step.claim", commit.spanId()),
            org.assertj.core.groups.Tuple.tuple("radflow.step.call", commit.spanId()),
            org.assertj.core.groups.Tuple.tuple("radflow.step.finish", commit.spanId()));
    ReceivedSpan publication =
        trace.stream()
            .filter(s -> s.name().equals("radflow.relay.publish"))
            .filter(s -> s.parentSpanId().equals(commit.spanId()))
            .findFirst()
            .orElseThrow();
    assertThat(publication.attributes()).containsEntry("radflow.event.type", "study.created");

    // the Kafka record of the study's creation carries its publication span as its traceparent
    await().atMost(PATIENCE).until(() -> traceparents(studyId), parents -> !parents.isEmpty());
    assertThat(traceparents(studyId))
        .contains("00-" + traceId + "-" + publication.spanId() + "-01")
        .allSatisfy(parent -> assertThat(parent).startsWith("00-" + traceId + "-"));

    // a request that names a trace in its traceparent header: its commit joins that trace
    String callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    Api api = world.admin(port);
    Api.Response applied =
        api.post(
            "/api/v1/studies/" + studyId + "/transitions",
            Bodies.transition("ACQUISITION_STARTED", "acq-traced", "{}"),
            "traceparent",
            "00-" + callerTrace + "-00f067aa0ba902b7-01");
    assertThat(applied.status()).as(applied.text()).isIn(200, 202);
    // the commit is a descendant of the request's server span, itself the caller's span's child
    await()
        .atMost(PATIENCE)
        .until(
            () -> receiver.trace(callerTrace),
            spans ->
                spans.stream()
                    .anyMatch(
                        span ->
                            span.name().equals("radflow.commit")
                                && descendsFrom(spans, span, "00f067aa0ba902b7")));
    assertThat(receiver.trace(callerTrace))
        .filteredOn(span -> span.name().equals("radflow.commit"))
        .singleElement()
        .satisfies(
            commitOfRequest ->
                assertThat(commitOfRequest.attributes())
                    .containsEntry("radflow.transition.type", "ACQUISITION_STARTED"));

    // the report's ORU starts the trace that reaches the national record (HL7 has no trace header)
    Api.Response completed =
        api.post(
            "/api/v1/studies/" + studyId + "/transitions",
            Bodies.transition("ACQUISITION_COMPLETED", "acq-done-traced", "{}"));
    assertThat(completed.status()).as(completed.text()).isIn(200, 202);
    String reportControlId = "CTRL-TRACE-REPORT";
    try (RawMllp sender = new RawMllp(hl7.listener().port())) {
      String ack = sender.send(finalReport(reportControlId, "MRN-TRACE-1", "ACC-TRACE-1"));
      assertThat(RawMllp.code(ack)).as(ack).isEqualTo("AA");
    }
    ReceivedSpan report =
        await()
            .atMost(PATIENCE)
            .until(
                () -> span("radflow.hl7.message", "hl7.control_id", reportControlId),
                Optional::isPresent)
            .orElseThrow();
    await()
        .atMost(PATIENCE)
        .until(
            () -> receiver.trace(report.traceId()),
            spans ->
                spans.stream()
                    .anyMatch(
                        span ->
                            span.name().equals("radflow.step.finish")
                                && "PUBLISH_REPORT"
                                    .equals(span.attributes().get("radflow.step.kind"))));
    assertThat(receiver.trace(report.traceId()))
        .filteredOn(span -> span.name().equals("radflow.step.call"))
        .extracting(span -> span.attributes().get("radflow.service"))
        .contains("national-record");

    System.out.println(
        "The trace of the report of study "
            + studyId
            + " (ORU "
            + reportControlId
            + "), as the OTLP receiver got it:\n"
            + OtlpReceiver.tree(receiver.trace(report.traceId()), KEYS));
    System.out.println(
        "The trace of study "
            + studyId
            + " (order "
            + controlId
            + "), as the OTLP receiver got it:\n"
            + OtlpReceiver.tree(receiver.trace(traceId), KEYS)
            + "\nThe trace of an HTTP request naming trace "
            + callerTrace
            + ":\n"
            + OtlpReceiver.tree(receiver.trace(callerTrace), KEYS));
  }

  /** A final report as a reporting system sends it, with its radiologist in OBR-32. */
  private static String finalReport(String controlId, String mrn, String accession) {
    return Hl7Messages.message(
        Hl7Messages.msh("ORU^R01", controlId),
        Hl7Messages.pid(mrn),
        Hl7Messages.orc("RE", accession, "CM", null),
        Hl7Messages.segment(
            "OBR",
            32,
            1,
            "1",
            2,
            "PL" + accession + "^RIS",
            3,
            "FL" + accession + "^RIS",
            4,
            "CTHEAD^CT Head^L",
            18,
            accession,
            22,
            "20261126120000",
            24,
            "CT",
            25,
            "F",
            32,
            "RAD-TRACE&Jones&Ann"),
        Hl7Messages.segment(
            "OBX", 11, 1, "1", 2, "TX", 3, "IMP^Impression", 5, "No acute findings.", 11, "F"));
  }

  private static Optional<ReceivedSpan> span(String name, String key, String value) {
    return receiver.spans().stream()
        .filter(s -> s.name().equals(name) && value.equals(s.attributes().get(key)))
        .findFirst();
  }

  /** Whether {@code span}'s chain of parents within {@code trace} reaches {@code ancestor}. */
  private static boolean descendsFrom(
      List<ReceivedSpan> trace, ReceivedSpan span, String ancestor) {
    String parent = span.parentSpanId();
    for (int depth = 0; depth < trace.size() + 1; depth++) {
      if (parent.equals(ancestor)) {
        return true;
      }
      String current = parent;
      Optional<ReceivedSpan> up =
          trace.stream().filter(s -> s.spanId().equals(current)).findFirst();
      if (up.isEmpty()) {
        return false;
      }
      parent = up.get().parentSpanId();
    }
    return false;
  }

  private static List<String> names(String traceId) {
    return receiver.trace(traceId).stream().map(ReceivedSpan::name).toList();
  }

  private static ReceivedSpan only(List<ReceivedSpan> trace, String name, String parent) {
    return trace.stream()
        .filter(s -> s.name().equals(name) && s.parentSpanId().equals(parent))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " under " + parent + " in " + trace));
  }

  /** The {@code traceparent} extension of each of the study's Kafka records. */
  private static List<String> traceparents(String studyId) {
    return broker.readAll(TOPIC, Duration.ofMillis(500)).stream()
        .filter(r -> studyId.equals(r.key()))
        .map(TracingEndToEndTest::traceparent)
        .flatMap(Optional::stream)
        .toList();
  }

  private static Optional<String> traceparent(ConsumerRecord<String, byte[]> record) {
    Header header = record.headers().lastHeader("ce_traceparent");
    return header == null
        ? Optional.empty()
        : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
  }
}
