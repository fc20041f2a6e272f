package org.radflow.config;

import java.time.Instant;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;

/**
 * Reads an {@link Instant} from ISO-8601 text only. Jackson's own deserializer also takes a bare
 * number as epoch seconds (or milliseconds, by configuration), whatever the coercion settings say;
 * a client that sends 1740821400 for a business time most likely meant something else, so it is
 * refused like any other value of the wrong JSON type.
 */
final class TextInstants extends StdDeserializer<Instant> {

  TextInstants() {
    super(Instant.class);
  }

  @Override
  public Instant deserialize(JsonParser parser, DeserializationContext context) {
    if (!parser.hasToken(JsonToken.VALUE_STRING)) {
      return (Instant) context.handleUnexpectedToken(Instant.class, parser);
    }
    return InstantDeserializer.INSTANT.deserialize(parser, context);
  }
}
