package org.radflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How a raw message's bytes are shown: segments as lines, hidden bytes made visible. */
class DeadLetterPagesTest {

  @Test
  void segmentsEndingInCarriageReturnsAreLines() {
    byte[] raw = "MSH|^~\\&|RIS\rPID|1||MRN1\r\n".getBytes(StandardCharsets.UTF_8);

    assertThat(DeadLetterPages.readable(raw)).isEqualTo("MSH|^~\\&|RIS\nPID|1||MRN1\n");
  }

  @Test
  void frameBytesAndOtherControlsAreShownAsHexAndTabsStay() {
    byte[] raw = {0x0b, 'M', 'S', 'H', '\t', 0x1c, 0x0d};

    assertThat(DeadLetterPages.readable(raw)).isEqualTo("<0B>MSH\t<1C>\n");
  }

  @Test
  void bytesThatAreNotUtf8BecomeReplacementCharacters() {
    byte[] raw = {'A', (byte) 0xE9, 'B'};

    assertThat(DeadLetterPages.readable(raw)).isEqualTo("A\uFFFDB");
  }
}
