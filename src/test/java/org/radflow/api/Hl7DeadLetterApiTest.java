package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.radflow.hl7.Hl7Messages;
import org.radflow.hl7.Hl7Service;
import org.radflow.hl7.RawMllp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The HL7 listener of the running application over a real MLLP socket, and its dead letters through
 * the API: a message answered AR is found, read, and reprocessed once its cause is gone. The
 * database is shared across runs, so every accession is this run's own.
 */
// Hl7Messages.booking is a legacy scheduler's: the accession in SCH-27, declared as the site would
@TestPropertySource(properties = "radflow.mllp.accession-fields=SCH-27")
class Hl7DeadLetterApiTest extends AbstractApiTest {

  private static final String OPERATOR = "{\"reason\": \"order arrived\"}";

  @Autowired Hl7Service hl7;

  @Test
  void aBookingForAnUnknownOrderIsKeptAndReprocessedOnceTheOrderArrives() throws Exception {
    String accession = "ACC" + UUID.randomUUID().toString().substring(0, 8);
    String mrn = "MRN" + accession;
    try (RawMllp sender = new RawMllp(hl7.listener().port())) {
      String ack =
          sender.send(
              Hl7Messages.booking(
                  "S12", "B-" + accession, mrn, accession, "AP" + accession, "202611271000"));
      assertThat(RawMllp.code(ack)).as(ack).isEqualTo("AR");
      assertThat(ack).contains("no study with accession NORTH/" + accession);

      String query =
          "/api/v1/dead-letters?channel=hl7-mllp&accession="
              + URLEncoder.encode("NORTH/" + accession, StandardCharsets.UTF_8);
      JsonNode found = api.get(query).json().path("items");
      assertThat(found.size()).as(found.toString()).isEqualTo(1);
      JsonNode letter = found.get(0);
      assertThat(letter.path("errorCode").asString()).isEqualTo("UNKNOWN_STUDY");
      assertThat(letter.path("messageType").asString()).isEqualTo("SIU^S12");
      assertThat(letter.path("controlId").asString()).isEqualTo("B-" + accession);
      long id = letter.path("id").asLong();
      assertThat(api.get("/api/v1/dead-letters/" + id + "/raw").text())
          .contains("SIU^S12", accession);

      Api.Response still = api.post("/api/v1/dead-letters/" + id + "/reprocess", OPERATOR);
      assertThat(still.status()).as(still.text()).isEqualTo(422);

      assertThat(
              RawMllp.code(sender.send(Hl7Messages.order("NW", "O-" + accession, mrn, accession))))
          .isEqualTo("AA");
      Api.Response done = api.post("/api/v1/dead-letters/" + id + "/reprocess", OPERATOR);
      assertThat(done.status()).as(done.text()).isEqualTo(200);
      assertThat(done.json().path("outcome").asString()).isEqualTo("ACCEPTED");
      assertThat(done.json().path("summary").asString()).contains("PROCEDURE_SCHEDULED held");
      assertThat(done.json().path("deadLetter").path("status").asString()).isEqualTo("REPROCESSED");
    }
  }
}
