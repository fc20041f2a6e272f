package org.radflow.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.radflow.hl7.Hl7Messages.message;
import static org.radflow.hl7.Hl7Messages.msh;
import static org.radflow.hl7.Hl7Messages.order;
import static org.radflow.hl7.Hl7Messages.result;
import static org.radflow.hl7.Hl7Messages.segment;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageShapeTest {

  /** Small bounds, so that each case is easy to read. */
  static final MessageBounds SMALL = new MessageBounds(6, 30, 3, 4, 40, 1000);

  static Optional<String> excess(String message, MessageBounds bounds) {
    String text = Hl7Parsing.segments(message);
    return MessageShape.scan(
            text, MessageHeader.read(text.getBytes(StandardCharsets.UTF_8)), bounds)
        .excess();
  }

  @Test
  void realMessagesAreWithinTheDefaultBounds() {
    assertThat(excess(order("NW", "S1", "P1", "A1"), MessageBounds.DEFAULT)).isEmpty();
    assertThat(excess(result("S2", "P1", "A1", "F", "x".repeat(500_000)), MessageBounds.DEFAULT))
        .isEmpty();
  }

  @Test
  void theRepetitionBombIsStoppedAtItsFirstRepetitionOverTheBound() {
    String bomb = order("NW", "S1", "P1", "A1").replace("PLA1^RIS", "~".repeat(1_040_000));
    assertThat(excess(bomb, MessageBounds.DEFAULT))
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .startsWith("ORC-2 (segment 3) repeats more than 100 times")
                    .contains("RADFLOW_MLLP_MAX_REPETITIONS"));
  }

  @Test
  void eachBoundIsNamedWithTheSegmentAndFieldOverIt() {
    String pid = "PID|1||P1";
    assertThat(excess(message(msh("ADT^A08", "S1"), pid, pid, pid, pid, pid, pid), SMALL))
        .hasValueSatisfying(r -> assertThat(r).startsWith("the message has more than 6 segments"));
    assertThat(excess(message(msh("ADT^A08", "S1"), pid + "|".repeat(30)), SMALL))
        .hasValueSatisfying(
            r -> assertThat(r).startsWith("segment 2 (PID) has more than 30 fields"));
    assertThat(excess(message(msh("ADT^A08", "S1"), "PID|1||a~b~c~d"), SMALL))
        .hasValueSatisfying(r -> assertThat(r).startsWith("PID-3 (segment 2) repeats more than 3"));
    assertThat(excess(message(msh("ADT^A08", "S1"), "PID|1||a~b^c^d^e^f"), SMALL))
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .startsWith("PID-3 (segment 2) has more than 4 components in one repetition"));
    assertThat(excess(message(msh("ADT^A08", "S1"), "PID|1||a^b&c&d&e&f"), SMALL))
        .hasValueSatisfying(
            r -> assertThat(r).startsWith("PID-3 (segment 2) has more than 4 subcomponents"));
    assertThat(excess(message(msh("ADT^A08", "S1"), "PID|1||" + "x".repeat(41)), SMALL))
        .hasValueSatisfying(
            r -> assertThat(r).startsWith("PID-3 (segment 2) is longer than 40 characters"));
    assertThat(excess(message(msh("ADT^A08", "S1"), "PID" + "x".repeat(41)), SMALL))
        .hasValueSatisfying(
            r -> assertThat(r).startsWith("the name of segment 2 is longer than 40 characters"));
  }

  @Test
  void valuesSpreadOverManyFieldsAreCountedForTheWholeMessage() {
    MessageBounds fewValues = new MessageBounds(6, 30, 3, 4, 40, 18);
    // MSH has 9 non-empty fields after MSH-2, ZZZ 9: its name, a~b~c three, d~e~f three, g~h two
    String within = message(msh("ADT^A08", "S1"), "ZZZ|a~b~c||d~e~f|g~h|");
    assertThat(excess(within, fewValues)).isEmpty();
    assertThat(excess(message(msh("ADT^A08", "S1"), "ZZZ|a~b~c||d~e~f|g~h|i"), fewValues))
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .startsWith("the message has more than 18 non-empty fields and repetitions")
                    .contains("ZZZ-5 (segment 2) is the first over it"));
  }

  @Test
  void reportTextMayTakeTheFrameAndRepeatAsOftenAsAMessageMayHaveSegments() {
    String longText = segment("OBX", 5, 1, "1", 2, "TX", 5, "y".repeat(1000));
    String lines = segment("OBX", 5, 1, "1", 2, "TX", 5, "line~".repeat(5) + "last");
    String note = segment("NTE", 3, 1, "1", 3, "z~".repeat(5) + "z".repeat(1000));
    assertThat(excess(message(msh("ORU^R01", "S1"), longText, lines, note), SMALL)).isEmpty();
    String tooMany = segment("OBX", 5, 1, "1", 2, "TX", 5, "line~".repeat(6) + "last");
    assertThat(excess(message(msh("ORU^R01", "S1"), tooMany), SMALL))
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .startsWith("OBX-5 (segment 2) repeats more than 6 times")
                    .contains("RADFLOW_MLLP_MAX_SEGMENTS"));
    String otherField = segment("OBX", 5, 1, "1", 2, "TX", 3, "y".repeat(41));
    assertThat(excess(message(msh("ORU^R01", "S1"), otherField), SMALL))
        .hasValueSatisfying(r -> assertThat(r).startsWith("OBX-3 (segment 2) is longer"));
  }

  @Test
  void theHeadersOwnDelimitersAreNotCountedAndItsFieldsAreNumberedAsHl7NumbersThem() {
    String header = "MSH|^~\\&|" + "a~".repeat(3) + "a|NORTH||||ORM^O01|S1|P|2.5.1";
    assertThat(excess(message(header), SMALL))
        .hasValueSatisfying(r -> assertThat(r).startsWith("MSH-3 (segment 1) repeats more than 3"));
  }

  @Test
  void theSendersOwnDelimitersAreTheOnesCounted() {
    String header = "MSH#!@%*#RIS#NORTH#RADFLOW#NORTH#20261126100000##ADT!A08#S1#P#2.5.1";
    assertThat(excess(message(header, "PID#1##a@b@c@d"), SMALL))
        .hasValueSatisfying(r -> assertThat(r).startsWith("PID-3 (segment 2) repeats more than 3"));
    assertThat(excess(message(header, "PID#1##a~b~c~d^e^f^g^h"), SMALL)).isEmpty();
  }
}
