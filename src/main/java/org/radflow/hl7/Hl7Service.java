package org.radflow.hl7;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.radflow.blob.BlobStore;
import org.radflow.lifecycle.StudyLifecycle;
import org.radflow.lifecycle.StudyReads;
import org.radflow.orchestration.PatientUpdates;
import org.radflow.tracing.Tracing;

/**
 * HL7 v2 ingest assembled: the MLLP listener and the processing a dead letter is reprocessed
 * through. One instance per radflow node.
 */
public final class Hl7Service implements AutoCloseable {

  private final Hl7Parsing parsing = new Hl7Parsing();
  private final Hl7Processing processing;
  private final MllpListener listener;

  public Hl7Service(
      Hl7Settings settings,
      StudyLifecycle lifecycle,
      StudyReads studies,
      PatientUpdates patientUpdates,
      BlobStore blobs,
      Hl7DeadLetters deadLetters,
      MeterRegistry meters,
      Clock clock) {
    this(
        settings,
        lifecycle,
        studies,
        patientUpdates,
        blobs,
        deadLetters,
        meters,
        clock,
        Tracing.OFF);
  }

  /**
   * @param tracing starts a trace per message, which the message's commits join
   */
  public Hl7Service(
      Hl7Settings settings,
      StudyLifecycle lifecycle,
      StudyReads studies,
      PatientUpdates patientUpdates,
      BlobStore blobs,
      Hl7DeadLetters deadLetters,
      MeterRegistry meters,
      Clock clock,
      Tracing tracing) {
    this.processing =
        new Hl7Processing(
            settings,
            parsing,
            blobs,
            new Hl7Ingest(lifecycle, studies, patientUpdates),
            // a message waits for its turn at most as long as the rest of a frame may take
            new ParseBudget(settings.parseBudgetBytes(), settings.frameTimeout()));
    Hl7Receiver receiver =
        new Hl7Receiver(settings, blobs, processing, new Hl7Acks(), deadLetters, meters, tracing);
    this.listener = new MllpListener(settings, receiver, parsing, meters, clock);
  }

  public MllpListener listener() {
    return listener;
  }

  /**
   * Processes a kept message again, exactly as if it had just arrived, without keeping it again.
   */
  public Hl7Verdict reprocess(byte[] raw, org.radflow.blob.BlobRef stored) {
    return processing.process(parsing.parser(), raw, MessageHeader.read(raw), stored);
  }

  @Override
  public void close() {
    listener.close();
  }
}
