package org.radflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The strict reading every request body gets, checked on a mapper built the same way. */
class JsonConfigurationTest {

  enum Colour {
    RED,
    GREEN
  }

  record Body(String text, Long number, Boolean flag, Colour colour, Instant at) {}

  private final JsonMapper json = JsonConfiguration.strict().build();

  @Test
  void aWellTypedBodyIsRead() {
    Body body =
        json.readValue(
            "{\"text\":\"a\",\"number\":1,\"flag\":true,\"colour\":\"GREEN\","
                + "\"at\":\"2025-03-01T09:30:00Z\"}",
            Body.class);
    assertThat(body)
        .isEqualTo(new Body("a", 1L, true, Colour.GREEN, Instant.parse("2025-03-01T09:30:00Z")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"text\": 12}",
        "{\"text\": 1.5}",
        "{\"text\": true}",
        "{\"number\": \"12\"}",
        "{\"number\": 1.5}",
        "{\"flag\": \"true\"}",
        "{\"flag\": 1}",
        "{\"colour\": 1}",
        "{\"colour\": \"\"}",
        "{\"at\": \"\"}",
        "{\"at\": 1740821400}",
        "{\"at\": 1740821400.5}",
        "{\"text\": \"a\", \"text\": \"b\"}",
        "{\"text\": \"a\"} {}",
      })
  void looseOrAmbiguousJsonIsRefused(String body) {
    assertThatThrownBy(() -> json.readValue(body, Body.class)).isInstanceOf(JacksonException.class);
  }

  @Test
  void theParserLimitsHold() {
    assertThatThrownBy(() -> json.readTree("[".repeat(33) + "]".repeat(33)))
        .hasMessageContaining("nesting depth");
    assertThatThrownBy(
            () -> json.readTree("\"" + "x".repeat(JsonConfiguration.MAX_STRING_LENGTH + 1) + "\""))
        .hasMessageContaining("String value length");
    assertThatThrownBy(() -> json.readTree("1" + "0".repeat(JsonConfiguration.MAX_NUMBER_LENGTH)))
        .hasMessageContaining("Number value length");
  }
}
