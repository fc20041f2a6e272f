package org.radflow.demo;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.util.concurrent.TimeUnit;

/**
 * A sending system on one MLLP connection: HAPI's own client, as a third-party interface engine
 * would send, waiting for each ACK. A message without an AA is sent again after a pause, as a
 * sender's retry queue does, up to a bound; an AR is not (it is kept by radflow as a dead letter).
 */
final class MllpSender implements AutoCloseable {

  /** What the ACK said: MSA-1, MSA-3 and ERR-8. */
  record Ack(String code, String text, String error) {
    boolean accepted() {
      return "AA".equals(code) || "CA".equals(code);
    }
  }

  private final HapiContext context = new DefaultHapiContext();
  private final String host;
  private final int port;
  private Connection connection;

  MllpSender(String host, int port) {
    this.host = host;
    this.port = port;
    context.setValidationContext(ValidationContextFactory.noValidation());
  }

  /** Sends {@code text} until it is acknowledged AA or refused AR; AE and lost answers retry. */
  Ack send(String text) throws InterruptedException {
    Exception last = null;
    for (int attempt = 1; attempt <= 10; attempt++) {
      try {
        Ack ack = sendOnce(text);
        if (!"AE".equals(ack.code())) {
          return ack;
        }
        last = new IllegalStateException("AE: " + ack.text() + " " + ack.error());
      } catch (Exception e) {
        last = e;
        reconnect();
      }
      Thread.sleep(200L * attempt);
    }
    throw new IllegalStateException("no answer but AE or failure after 10 attempts", last);
  }

  private Ack sendOnce(String text) throws Exception {
    if (connection == null) {
      connection = context.newClient(host, port, false);
      connection.getInitiator().setTimeout(30, TimeUnit.SECONDS);
    }
    PipeParser parser = context.getPipeParser();
    Message response = connection.getInitiator().sendAndReceive(parser.parse(text));
    Terser terser = new Terser(response);
    return new Ack(terser.get("MSA-1"), terser.get("MSA-3"), terser.get("ERR-8"));
  }

  private void reconnect() {
    if (connection != null) {
      try {
        connection.close();
      } catch (java.io.IOException | RuntimeException e) {
        // the connection failed already: a new one replaces it
      }
      connection = null;
    }
  }

  @Override
  public void close() throws Exception {
    reconnect();
    context.close();
  }
}
