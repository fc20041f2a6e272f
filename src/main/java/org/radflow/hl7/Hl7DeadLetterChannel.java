package org.radflow.hl7;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.radflow.blob.BlobRef;
import org.radflow.deadletter.DeadLetter;
import org.radflow.deadletter.DeadLetterCounter;
import org.radflow.deadletter.DeadLetterReprocessor;
import org.radflow.deadletter.DeadLetterStore;
import org.radflow.deadletter.ErrorCode;
import org.radflow.deadletter.NewDeadLetter;

/**
 * The HL7 channel of the dead-letter store: keeps what the listener answered AR, and processes a
 * kept message again exactly as the listener would, when an operator asks.
 */
public final class Hl7DeadLetterChannel implements Hl7DeadLetters, DeadLetterReprocessor {

  public static final String CHANNEL = "hl7-mllp";

  private final DeadLetterStore store;
  private final Clock clock;
  private final DeadLetterCounter kept;
  private Hl7Service service;

  public Hl7DeadLetterChannel(DeadLetterStore store, Clock clock, MeterRegistry meters) {
    this.store = store;
    this.clock = clock;
    this.kept = new DeadLetterCounter(CHANNEL, meters);
  }

  /** The service whose processing reprocessing reuses; set once it is built. */
  public void attach(Hl7Service service) {
    this.service = service;
  }

  @Override
  public void keep(
      String peer,
      MessageHeader header,
      BlobRef raw,
      Hl7Rejection rejection,
      String reason,
      String accession) {
    ErrorCode code = ErrorCode.valueOf(rejection.name());
    store.recordDeadLetter(
        new NewDeadLetter(
            CHANNEL,
            clock.instant(),
            peer,
            header.messageType(),
            header.controlId(),
            header.sourceSystem(),
            accession,
            code,
            reason,
            raw));
    kept.kept(code);
  }

  @Override
  public String channel() {
    return CHANNEL;
  }

  @Override
  public Outcome reprocess(DeadLetter letter, byte[] raw) {
    if (service == null) {
      return new Outcome.Unavailable("the HL7 listener is not running on this node");
    }
    return service
        .reprocess(raw, letter.received().raw())
        .fold(
            accepted -> new Outcome.Accepted(accepted.summary()),
            rejected -> new Outcome.Rejected(rejected.reason()),
            unavailable -> new Outcome.Unavailable(unavailable.reason()));
  }
}
