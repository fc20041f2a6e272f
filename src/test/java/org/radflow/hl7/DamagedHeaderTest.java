package org.radflow.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.radflow.hl7.Hl7Messages.order;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.radflow.config.Stores;
import org.radflow.deadletter.DeadLetter;
import org.radflow.deadletter.DeadLetterQuery;

/**
 * Every way an MSH segment can be broken still gets an ACK on the same connection, and the message
 * is kept as a dead letter: a header radflow cannot read must never cost the sender its answer.
 */
class DamagedHeaderTest {

  private static final String VALID = order("NW", "D0", "P1", "DH1");

  @TempDir Path home;
  TestHl7Service.Running running;
  Stores store;
  Hl7Service hl7;

  @BeforeEach
  void start() throws Exception {
    running = TestHl7Service.onFreshStores(home, TestHl7Service.settings(4, Set.of()));
    store = running.stores();
    hl7 = running.hl7();
  }

  @AfterEach
  void stop() {
    running.close();
  }

  static Stream<Arguments> damagedHeaders() {
    String rest = VALID.substring(VALID.indexOf('\r'));
    return Stream.of(
        rejected(
            "MSH-9 with empty components", VALID.replace("ORM^O01", "^^"), "UNSUPPORTED_MESSAGE"),
        rejected("MSH-9 one empty component", VALID.replace("ORM^O01", "^"), "UNPARSEABLE"),
        rejected("MSH-9 without its code", VALID.replace("ORM^O01", "^O01"), "UNSUPPORTED_MESSAGE"),
        rejected("MSH-9 empty", VALID.replace("ORM^O01", ""), "UNPARSEABLE"),
        rejected("MSH of two fields", "MSH|^~\\&" + rest, "UNPARSEABLE"),
        rejected("MSH of one field", "MSH|" + rest, "WRONG_ENCODING_CHARACTERS"),
        rejected("MSH alone", "MSH" + rest, "UNPARSEABLE"),
        rejected("MSH and nothing else", "MSH", "UNPARSEABLE"),
        rejected(
            "encoding characters missing",
            VALID.replace("|^~\\&|", "||"),
            "WRONG_ENCODING_CHARACTERS"),
        rejected(
            "a letter as field separator", VALID.replace('|', 'X'), "WRONG_ENCODING_CHARACTERS"),
        rejected(
            "encoding characters repeated",
            VALID.replace("^~\\&", "^^^^"),
            "WRONG_ENCODING_CHARACTERS"),
        rejected(
            "MSH-18 unknown charset",
            VALID.replace("|P|2.5.1", "|P|2.5.1||||||KLINGON"),
            "UNSUPPORTED_VALUE"),
        // HL7 wants these, but radflow needs none of them to process the order
        accepted("MSH-10 empty", VALID.replace("|D0|", "||")),
        accepted("MSH-12 missing", VALID.replace("|P|2.5.1", "|P")),
        accepted("MSH-12 unknown", VALID.replace("|P|2.5.1", "|P|9.9")),
        accepted("a regex character as field separator", VALID.replace('|', '*')));
  }

  private static Arguments rejected(String damage, String message, String errorCode) {
    return Arguments.of(damage, message, "AR", List.of(errorCode));
  }

  private static Arguments accepted(String damage, String message) {
    return Arguments.of(damage, message, "AA", List.of());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damagedHeaders")
  void isAnsweredOnTheSameConnectionAndKeptWhenRejected(
      String damage, String message, String code, List<String> deadLetterCodes) throws Exception {
    try (RawMllp sender = new RawMllp(hl7.listener().port())) {
      String ack = sender.send(message);
      assertThat(RawMllp.code(ack)).as(ack).isEqualTo(code);
      assertThat(RawMllp.code(sender.send(VALID))).as("the connection goes on").isEqualTo("AA");
    }
    assertThat(letters())
        .extracting(l -> l.received().errorCode().name())
        .containsExactlyElementsOf(deadLetterCodes);
  }

  private List<DeadLetter> letters() {
    return store
        .deadLetters()
        .searchDeadLetters(
            new DeadLetterQuery(null, null, null, null, null, null, null, null, null, 50, null))
        .items();
  }
}
