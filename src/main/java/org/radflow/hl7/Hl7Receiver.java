package org.radflow.hl7;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.parser.PipeParser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.regex.Pattern;
import org.radflow.blob.BlobRef;
import org.radflow.blob.BlobStore;
import org.radflow.logging.LogFields;
import org.radflow.logging.LoggedFault;
import org.radflow.tracing.TraceSpan;
import org.radflow.tracing.Tracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acknowledgement rules. The raw message goes to the blob store first; then it is processed; AA
 * only once everything it asked is committed; AE when radflow cannot store or commit (the sender
 * keeps the message and retries); AR with the reason once the message is kept as a dead letter.
 * Nothing is acknowledged before it is durable.
 */
public final class Hl7Receiver {

  private static final Logger log = LoggerFactory.getLogger(Hl7Receiver.class);

  /** Metric tags name only the message families radflow maps, so their number stays bounded. */
  private static final Pattern MAPPED_TYPE =
      Pattern.compile("(ADT|ORM|OMI|SIU|ORU|DFT)\\^[A-Z0-9]{3}");

  private final Hl7Settings settings;
  private final BlobStore blobs;
  private final Hl7Processing processing;
  private final Hl7Acks acks;
  private final Hl7DeadLetters deadLetters;
  private final MeterRegistry meters;
  private final Map<AcknowledgmentCode, Counter> acknowledged =
      new EnumMap<>(AcknowledgmentCode.class);
  private final Tracing tracing;

  Hl7Receiver(
      Hl7Settings settings,
      BlobStore blobs,
      Hl7Processing processing,
      Hl7Acks acks,
      Hl7DeadLetters deadLetters,
      MeterRegistry meters,
      Tracing tracing) {
    this.settings = settings;
    this.tracing = tracing;
    this.blobs = blobs;
    this.processing = processing;
    this.acks = acks;
    this.deadLetters = deadLetters;
    this.meters = meters;
    // Every code radflow answers is registered at zero, so an AE rate is defined from the start.
    for (AcknowledgmentCode code :
        EnumSet.of(AcknowledgmentCode.AA, AcknowledgmentCode.AE, AcknowledgmentCode.AR)) {
      acknowledged.put(
          code,
          Counter.builder("radflow.mllp.acks")
              .description("MLLP messages answered, by acknowledgement code")
              .tag("code", code.name())
              .register(meters));
    }
  }

  /** The answer to one message: its code and the encoded ACK, in the message's charset. */
  public record Receipt(AcknowledgmentCode code, String text, byte[] ack) {}

  /** One complete frame in, the ACK out. */
  Receipt receive(PipeParser parser, byte[] raw, String peer) {
    Timer.Sample sample = Timer.start(meters);
    MessageHeader header = MessageHeader.UNKNOWN;
    Receipt receipt;
    LogFields.Scope fields = LogFields.open(); // closed in finally: this thread serves others next
    try {
      header = MessageHeader.read(raw);
      fields.hl7ControlId(header.controlId());
      receipt = traced(parser, raw, header, peer);
    } catch (RuntimeException | Error e) {
      // a fault of radflow's own: the sender still gets an answer, and keeps the message; the log
      // names the fault but not its message, which may quote the segment it choked on
      log.error(
          "HL7 message {} from {} failed: {}",
          header.controlId(),
          peer,
          LoggedFault.describe(e),
          LoggedFault.of(e));
      receipt =
          receipt(
              new Hl7Verdict.Unavailable(
                  "radflow failed processing the message (" + e + "); send it again"),
              header);
    } finally {
      fields.close();
    }
    String type = header.messageType().isEmpty() ? "unknown" : typeTag(header);
    sample.stop(meters.timer("radflow.hl7.ack", "type", type, "ack", receipt.code().name()));
    return receipt;
  }

  /**
   * HL7 carries no trace context, so each message starts a trace; MSH-10 on its span finds it from
   * the sender's log. The message's commits are its children.
   */
  private Receipt traced(PipeParser parser, byte[] raw, MessageHeader header, String peer) {
    try (TraceSpan span = tracing.start("radflow.hl7.message", null)) {
      span.tag("hl7.control_id", header.controlId())
          .tag("hl7.message_type", header.messageType())
          .tag("net.peer", peer);
      Receipt receipt = answer(parser, raw, header, peer);
      span.tag("hl7.ack", receipt.code().name());
      return receipt;
    }
  }

  private Receipt answer(PipeParser parser, byte[] raw, MessageHeader header, String peer) {
    BlobRef stored;
    try {
      stored = blobs.put(raw);
    } catch (RuntimeException e) {
      log.warn("HL7 message {} from {} not stored: {}", header.controlId(), peer, e.getMessage());
      return receipt(
          new Hl7Verdict.Unavailable(
              "radflow cannot store the message now (" + e.getMessage() + "); send it again"),
          header);
    }
    Hl7Verdict verdict = processing.process(parser, raw, header, stored);
    if (verdict instanceof Hl7Verdict.Rejected rejected) {
      try {
        deadLetters.keep(
            peer, header, stored, rejected.rejection(), rejected.reason(), rejected.accession());
        // the reason is in the ACK and the dead letter; here only its code, as it may quote fields
        log.warn(
            "HL7 message {} from {} refused ({}), kept as a dead letter",
            header.controlId(),
            peer,
            rejected.rejection());
      } catch (RuntimeException e) {
        return receipt(
            new Hl7Verdict.Unavailable(
                "radflow cannot keep the rejected message now ("
                    + e.getMessage()
                    + "); send it again"),
            header);
      }
    }
    return receipt(verdict, header);
  }

  /**
   * A frame answered without being processed (larger than the limit): kept as a dead letter with
   * what was read of it, then AR.
   */
  Receipt refuseFrame(byte[] retained, Hl7Rejection rejection, String reason, String peer) {
    MessageHeader header = MessageHeader.UNKNOWN;
    try {
      header = MessageHeader.read(retained);
      BlobRef stored = blobs.put(retained);
      deadLetters.keep(peer, header, stored, rejection, reason, null);
    } catch (RuntimeException e) {
      return receipt(
          new Hl7Verdict.Unavailable(
              reason + "; radflow could not keep it either (" + e.getMessage() + ")"),
          header);
    }
    countRefused(rejection);
    return receipt(new Hl7Verdict.Rejected(rejection, reason), header);
  }

  /**
   * A frame cut off by a closed or stalled connection: nobody is left to answer, so it is kept as a
   * dead letter (the sender will re-send the whole message on its next connection).
   */
  void keepTruncated(byte[] partial, String reason, String peer) {
    try {
      MessageHeader header = MessageHeader.read(partial);
      deadLetters.keep(
          peer, header, blobs.put(partial), Hl7Rejection.TRUNCATED_FRAME, reason, null);
    } catch (RuntimeException e) {
      log.warn("truncated HL7 frame from {} could not be kept: {}", peer, LoggedFault.describe(e));
    }
    countRefused(Hl7Rejection.TRUNCATED_FRAME);
  }

  /** The one translation of a verdict: into the ACK, in the message's charset. */
  private Receipt receipt(Hl7Verdict verdict, MessageHeader header) {
    return verdict.fold(
        accepted -> receipt(header, AcknowledgmentCode.AA, null, accepted.summary()),
        rejected -> receipt(header, AcknowledgmentCode.AR, rejected.rejection(), rejected.reason()),
        unavailable -> receipt(header, AcknowledgmentCode.AE, null, unavailable.reason()));
  }

  private Receipt receipt(
      MessageHeader header, AcknowledgmentCode code, Hl7Rejection rejection, String text) {
    String ack = acks.ack(header, code, rejection, text);
    acknowledged.get(code).increment();
    Charset charset = header.charset(settings.defaultCharset()).orElse(StandardCharsets.UTF_8);
    return new Receipt(code, text, ack.getBytes(charset));
  }

  private void countRefused(Hl7Rejection rejection) {
    meters.counter("radflow.hl7.refused.frames", "reason", rejection.name()).increment();
  }

  private static String typeTag(MessageHeader header) {
    String tag = header.messageCode() + "^" + header.triggerEvent();
    return MAPPED_TYPE.matcher(tag).matches() ? tag : "other";
  }
}
