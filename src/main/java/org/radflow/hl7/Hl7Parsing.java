package org.radflow.hl7;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.idgenerator.UUIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

/**
 * HAPI, set up once: every version is read into the v2.5.1 structures (so one mapping serves
 * 2.3–2.5.1 senders), without HAPI's conformance validation (radflow checks the fields it uses and
 * says which one is wrong), and ACK control IDs come from UUIDs rather than HAPI's default counter
 * file in the working directory.
 */
final class Hl7Parsing {

  static final String VERSION = "2.5.1";

  private final HapiContext context;

  Hl7Parsing() {
    context = new DefaultHapiContext(new CanonicalModelClassFactory(VERSION));
    context.setValidationContext(ValidationContextFactory.noValidation());
    context.getParserConfiguration().setIdGenerator(new UUIDGenerator());
    context.getParserConfiguration().setAllowUnknownVersions(true);
  }

  /** A parser for one thread: HAPI parsers keep per-parse state. */
  PipeParser parser() {
    return context.getPipeParser();
  }

  /** Segments end in CR; senders that end them in LF or CRLF are read the same way. */
  static String segments(String text) {
    return text.replace("\r\n", "\r").replace('\n', '\r').strip();
  }

  Message parse(PipeParser parser, String text) throws HL7Exception {
    return parser.parse(segments(text));
  }
}
