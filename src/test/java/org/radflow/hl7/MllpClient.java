package org.radflow.hl7;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.llp.LLPException;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.io.IOException;

/** A sending system: HAPI's own MLLP client, one connection, waiting for each ACK. */
public final class MllpClient implements AutoCloseable {

  /** What the ACK said. */
  public record Ack(String code, String controlId, String text, String error, String raw) {}

  private final HapiContext context = new DefaultHapiContext();
  private final Connection connection;

  public MllpClient(int port) throws HL7Exception {
    context.setValidationContext(ValidationContextFactory.noValidation());
    connection = context.newClient("127.0.0.1", port, false);
    connection.getInitiator().setTimeout(30, java.util.concurrent.TimeUnit.SECONDS);
  }

  public Ack send(String text) throws HL7Exception, LLPException, IOException {
    PipeParser parser = context.getPipeParser();
    Message response = connection.getInitiator().sendAndReceive(parser.parse(text));
    Terser terser = new Terser(response);
    return new Ack(
        terser.get("MSA-1"),
        terser.get("MSA-2"),
        terser.get("MSA-3"),
        terser.get("ERR-8"),
        parser.encode(response));
  }

  @Override
  public void close() throws IOException {
    connection.close();
    context.close();
  }
}
