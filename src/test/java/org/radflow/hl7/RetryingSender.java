package org.radflow.hl7;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A sending system that does what HL7 asks of it after an AE: keep the message and send it again
 * until it is accepted. Re-sends alternate between the same bytes and a copy under a new control ID
 * (MSH-10), as senders do both; either must change nothing radflow already committed.
 */
final class RetryingSender {

  static final int MAX_ATTEMPTS = 30;
  static final long PAUSE_MILLIS = 200;

  private final MllpClient client;
  private final Runnable onAccepted;
  final List<String> errors = new CopyOnWriteArrayList<>();
  final List<String> failures = new CopyOnWriteArrayList<>();
  final AtomicInteger sameBytesResends = new AtomicInteger();
  final AtomicInteger newControlIdResends = new AtomicInteger();

  /** Re-sends answered "already recorded": their first copy had committed before its AE. */
  final AtomicInteger committedBeforeAe = new AtomicInteger();

  RetryingSender(MllpClient client, Runnable onAccepted) {
    this.client = client;
    this.onAccepted = onAccepted;
  }

  /**
   * Sends the message {@code build} makes for a control ID until it is answered AA.
   *
   * @return whether it was accepted; an AR, a transport failure or running out of attempts is
   *     recorded in {@link #failures}
   */
  boolean deliver(String controlId, Function<String, String> build) throws InterruptedException {
    String text = build.apply(controlId);
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      MllpClient.Ack ack;
      try {
        ack = client.send(text);
      } catch (Exception e) {
        failures.add(controlId + ": no ACK (" + e + ")");
        return false;
      }
      if ("AA".equals(ack.code())) {
        if (attempt > 1 && ack.text().contains("already")) {
          committedBeforeAe.incrementAndGet();
        }
        onAccepted.run();
        return true;
      }
      if (!"AE".equals(ack.code())) {
        failures.add(controlId + ": " + ack.raw());
        return false;
      }
      errors.add(ack.error());
      Thread.sleep(PAUSE_MILLIS); // a sender's pause before it tries again
      if (attempt % 2 == 0) {
        text = build.apply(controlId + "-R" + attempt);
        newControlIdResends.incrementAndGet();
      } else {
        sameBytesResends.incrementAndGet();
      }
    }
    failures.add(controlId + ": still AE after " + MAX_ATTEMPTS + " attempts");
    return false;
  }
}
