package org.radflow.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.AcknowledgmentCode;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a sender puts where the MSH segment should be, reading it and answering it never throws:
 * the ACK is built from this header before anything else can go wrong.
 */
class MessageHeaderProperties {

  @Property(tries = 2000)
  void anyHeaderIsReadAndAnswered(@ForAll("headers") String text) {
    MessageHeader header = MessageHeader.read(text.getBytes(StandardCharsets.ISO_8859_1));
    String ack =
        new Hl7Acks().ack(header, AcknowledgmentCode.AR, Hl7Rejection.UNPARSEABLE, "reason");
    assertThat(ack).startsWith("MSH|^~\\&|").contains("\rMSA|AR|");
    assertThat(header.messageType()).startsWith(header.messageCode());
    assertThat(header.encodingProblem().isPresent() || header.encodingCharacters().length() >= 4)
        .isTrue();
  }

  /** "MSH" then separators, delimiters, letters and line ends in any order. */
  @Provide
  Arbitrary<String> headers() {
    return Arbitraries.strings()
        .withChars("|^~\\&#*XMSH019 \r\n")
        .withCharRange('\u0000', '\u00ff')
        .ofMaxLength(120)
        .map(rest -> "MSH" + rest);
  }
}
