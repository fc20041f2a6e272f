package org.radflow.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The HL7 v2.5.1 messages of one study as a RIS sends them, written out once as templates and
 * framed for MLLP ahead of time, so the load generator only writes bytes and reads ACKs (parsing on
 * the sending side would take the cores the listener is measured on). {@code ACC} is replaced by
 * the study's accession number, which also makes every control ID (MSH-10) unique.
 */
final class Hl7BenchMessages {

  private static final String PID = "PID|1||MRNACC^^^BENCH^MR||DOE^JANE||19800101|F\r";
  private static final String OBR = "OBR|1|PLACC^RIS|FLACC^RIS|CTHEAD^CT Head^L||||||||||||||ACC";

  private static final String ORDER =
      "MSH|^~\\&|RIS|BENCH|RADFLOW|BENCH|20261126100000||ORM^O01|ACC-1|P|2.5.1\r"
          + PID
          + "ORC|NW|PLACC^RIS|FLACC^RIS||||||20261126095500\r"
          + OBR;
  private static final String BOOKING =
      "MSH|^~\\&|RIS|BENCH|RADFLOW|BENCH|20261126100000||SIU^S12|ACC-2|P|2.5.1\r"
          + "SCH|PAACC|APACC|||||||||^^^20261126100000||||||||||||||||ACC^BENCH\r"
          + PID;
  private static final String STARTED =
      "MSH|^~\\&|RIS|BENCH|RADFLOW|BENCH|20261126100000||ORM^O01|ACC-3|P|2.5.1\r"
          + PID
          + "ORC|SC|PLACC^RIS|FLACC^RIS||IP||||20261126101500\r"
          + OBR;
  private static final String COMPLETED =
      "MSH|^~\\&|RIS|BENCH|RADFLOW|BENCH|20261126100000||ORM^O01|ACC-4|P|2.5.1\r"
          + PID
          + "ORC|SC|PLACC^RIS|FLACC^RIS||CM||||20261126103000\r"
          + OBR;
  private static final String REPORT =
      "MSH|^~\\&|RIS|BENCH|RADFLOW|BENCH|20261126100000||ORU^R01|ACC-5|P|2.5.1\r"
          + PID
          + "ORC|RE|PLACC^RIS|FLACC^RIS||CM\r"
          + OBR
          + "||||20261126120000||CT|F\r"
          + "OBX|1|TX|IMP^Impression||No acute findings||||||F";
  private static final String CHARGE =
      "MSH|^~\\&|RIS|BENCH|RADFLOW|BENCH|20261126100000||DFT^P03|ACC-6|P|2.5.1\r"
          + "EVN|P03|20261126130000\r"
          + PID
          + "FT1|1|TACC||20261126130000||CG|71250^CT HEAD|||1|||||||||||||ACC^BENCH";

  /** Which messages a study gets. */
  enum Mix {
    /** Order, acquisition started and completed, final report: ORM NW, ORM SC IP, SC CM, ORU F. */
    BASIC(List.of(ORDER, STARTED, COMPLETED, REPORT)),
    /** BASIC plus the booking (SIU S12) after the order and the charge (DFT P03) at the end. */
    FULL(List.of(ORDER, BOOKING, STARTED, COMPLETED, REPORT, CHARGE));

    final List<String> templates;

    Mix(List<String> templates) {
      this.templates = templates;
    }
  }

  private Hl7BenchMessages() {}

  /** Every message of the study with this accession number, in the order they are sent. */
  static List<byte[]> study(String accession, Mix mix) {
    List<byte[]> frames = new ArrayList<>(mix.templates.size());
    for (String template : mix.templates) {
      byte[] body = (template.replace("ACC", accession) + "\r").getBytes(StandardCharsets.UTF_8);
      byte[] frame = new byte[body.length + 3];
      frame[0] = 0x0b;
      System.arraycopy(body, 0, frame, 1, body.length);
      frame[body.length + 1] = 0x1c;
      frame[body.length + 2] = 0x0d;
      frames.add(frame);
    }
    return frames;
  }
}
