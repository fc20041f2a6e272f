package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.radflow.access.IssuedToken;
import org.radflow.access.Role;
import org.radflow.blob.BlobRef;
import org.radflow.blob.BlobStore;
import org.radflow.blob.FileSystemBlobStore;
import org.radflow.config.Stores;
import org.radflow.deadletter.DeadLetter;
import org.radflow.deadletter.DeadLetterReprocessor;
import org.radflow.deadletter.ErrorCode;
import org.radflow.deadletter.NewDeadLetter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;

/**
 * Dead letters over HTTP: letters are recorded through the store with their raw bytes in a blob
 * store of the test's own, and reprocessed by a test channel whose reprocessor answers as the
 * message's first word says. The database is shared across runs, so every letter carries this
 * test's own accession.
 */
class DeadLetterApiTest extends AbstractApiTest {

  static final String CHANNEL = "test-channel";

  /** A blob store and a reprocessor, as the blob and HL7 configurations will provide them. */
  @TestConfiguration
  static class Beans {

    @Bean
    @Primary // over the application's own blob store, once it has one
    BlobStore testBlobStore() throws IOException {
      return new FileSystemBlobStore(Files.createTempDirectory("radflow-dead-letter-blobs"));
    }

    @Bean
    DeadLetterReprocessor testReprocessor() {
      return new DeadLetterReprocessor() {
        @Override
        public String channel() {
          return CHANNEL;
        }

        @Override
        public Outcome reprocess(DeadLetter letter, byte[] raw) {
          String text = new String(raw, StandardCharsets.UTF_8);
          if (text.startsWith("ACCEPT")) {
            return new Outcome.Accepted("result applied to " + letter.received().accession());
          }
          if (text.startsWith("THROW")) {
            throw new IllegalStateException("a bug in the channel");
          }
          if (text.startsWith("UNAVAILABLE")) {
            return new Outcome.Unavailable("the database is down");
          }
          return new Outcome.Rejected("still no order for " + letter.received().accession());
        }
      };
    }
  }

  @Autowired Stores store;
  @Autowired BlobStore blobs;

  private long record(String channel, String controlId, ErrorCode code, String reason, String raw) {
    return store
        .deadLetters()
        .recordDeadLetter(
            new NewDeadLetter(
                channel,
                Instant.parse("2026-03-01T09:00:00Z"),
                "127.0.0.1:50000",
                "ORU^R01",
                controlId,
                "RIS",
                authority,
                code,
                reason,
                blobs.put(raw.getBytes(StandardCharsets.UTF_8))));
  }

  private long record(String raw) {
    return record(CHANNEL, authority + "-" + raw.hashCode(), ErrorCode.OTHER, "test", raw);
  }

  private static final String OPERATOR = "{\"reason\": \"order fixed\"}";

  private List<JsonNode> auditOf(long id) {
    JsonNode all = api.get("/api/v1/audit?limit=1000").json();
    return StreamSupport.stream(all.spliterator(), false)
        .filter(a -> a.path("target").asString().equals("dead letter " + id))
        .toList();
  }

  @Test
  void searchFiltersByEveryCriterionAndPagesNewestFirst() {
    long first = record(CHANNEL, authority + "-1", ErrorCode.UNPARSEABLE, "no MSH segment", "a");
    long second = record(CHANNEL, authority + "-2", ErrorCode.MISSING_FIELD, "OBR-3 is EMPTY", "b");
    long third = record(CHANNEL, authority + "-3", ErrorCode.MISSING_FIELD, "PID-3 is empty", "c");
    String mine = "/api/v1/dead-letters?accession=" + authority;

    JsonNode page1 = api.get(mine + "&limit=2").json();
    JsonNode page2 = api.get(mine + "&limit=2&after=" + page1.path("nextAfter").asLong()).json();

    assertThat(ids(page1)).containsExactly(third, second);
    assertThat(ids(page2)).containsExactly(first);
    assertThat(page2.path("nextAfter").isNull()).isTrue();
    assertThat(ids(api.get(mine + "&errorCode=MISSING_FIELD").json()))
        .containsExactly(third, second);
    assertThat(ids(api.get(mine + "&q=obr-3").json())).containsExactly(second);
    assertThat(ids(api.get("/api/v1/dead-letters?controlId=" + authority + "-1").json()))
        .containsExactly(first);
    assertThat(
            ids(
                api.get(mine + "&status=OPEN&channel=" + CHANNEL + "&messageType=ORU%5ER01")
                    .json()))
        .containsExactly(third, second, first);
    assertThat(ids(api.get(mine + "&status=DISCARDED").json())).isEmpty();
    assertThat(ids(api.get(mine + "&from=2026-03-01T09:00:00Z&to=2026-03-01T09:00:01Z").json()))
        .hasSize(3);
    assertThat(ids(api.get(mine + "&to=2026-03-01T09:00:00Z").json())).isEmpty();

    api.get(mine + "&errorCode=BROKEN").problem(400, "unknown-value");
    api.get(mine + "&from=yesterday").problem(400, "invalid-parameter");
    api.get(mine + "&limit=501").problem(400, "invalid-parameter");
  }

  @Test
  void metadataAndTheRawMessageByteForByteItsReadingAudited() {
    String raw = "MSH|^~\\&|RIS|EAST|||20260301||ORU^R01|X|P|2.5\rPID|||P-1\r";
    long id = record(CHANNEL, authority + "-raw", ErrorCode.MISSING_FIELD, "OBR-3 is empty", raw);

    JsonNode letter = api.get("/api/v1/dead-letters/" + id).json();
    Api.Response read = api.get("/api/v1/dead-letters/" + id + "/raw?reason=ticket-7");
    IssuedToken jones =
        tokens.issue("a.jones-" + authority, Set.of(Role.AUDITOR), null, "test admin");
    Api.Response byJones =
        api.as(jones.secret())
            .get("/api/v1/dead-letters/" + id + "/raw", "X-Radflow-Actor", "someone.else");

    assertThat(letter.path("channel").asString()).isEqualTo(CHANNEL);
    assertThat(letter.path("errorCode").asString()).isEqualTo("MISSING_FIELD");
    assertThat(letter.path("reason").asString()).isEqualTo("OBR-3 is empty");
    assertThat(letter.path("status").asString()).isEqualTo("OPEN");
    assertThat(letter.path("raw").path("uri").asString()).startsWith("blob://sha256/");
    assertThat(letter.path("raw").path("size").asLong()).isEqualTo(raw.length());
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.contentType()).startsWith("text/plain");
    assertThat(read.header("Cache-Control")).contains("no-store");
    assertThat(read.text()).isEqualTo(raw);
    assertThat(byJones.text()).isEqualTo(raw);
    assertThat(auditOf(id))
        .extracting(
            a -> a.path("actor").asString(),
            a -> a.path("action").asString(),
            a -> a.path("reason").asString())
        .containsExactly(
            tuple(jones.token().principal(), "READ_DEAD_LETTER_RAW", "read the raw message"),
            tuple(caller, "READ_DEAD_LETTER_RAW", "ticket-7"));
    api.get("/api/v1/dead-letters/999999999").problem(404, "dead-letter-not-found");
    api.get("/api/v1/dead-letters/999999999/raw").problem(404, "dead-letter-not-found");
    api.get("/api/v1/dead-letters/abc").problem(400, "invalid-parameter");
  }

  @Test
  void anAcceptedReprocessClosesTheLetterAndIsAudited() {
    long id = record("ACCEPT me");

    Api.Response done = api.post("/api/v1/dead-letters/" + id + "/reprocess", OPERATOR);

    assertThat(done.status()).as(done.text()).isEqualTo(200);
    assertThat(done.json().path("outcome").asString()).isEqualTo("ACCEPTED");
    assertThat(done.json().path("summary").asString()).isEqualTo("result applied to " + authority);
    assertThat(done.json().path("deadLetter").path("status").asString()).isEqualTo("REPROCESSED");
    assertThat(done.json().path("deadLetter").path("attempts").asInt()).isEqualTo(1);
    JsonNode again =
        api.post("/api/v1/dead-letters/" + id + "/reprocess", OPERATOR)
            .problem(409, "dead-letter-not-open");
    assertThat(again.path("deadLetterStatus").asString()).isEqualTo("REPROCESSED");
    api.post("/api/v1/dead-letters/" + id + "/discard", OPERATOR)
        .problem(409, "dead-letter-not-open");
    assertThat(auditOf(id))
        .extracting(a -> a.path("action").asString(), a -> a.path("outcome").asString())
        .containsExactly(
            tuple(
                "DISCARD_DEAD_LETTER", "refused: dead letter " + id + " is REPROCESSED, not OPEN"),
            tuple(
                "REPROCESS_DEAD_LETTER",
                "refused: dead letter " + id + " is REPROCESSED, not OPEN"),
            tuple("REPROCESS_DEAD_LETTER", "attempt 1 accepted: result applied to " + authority));
  }

  @Test
  void rejectedIs422AndUnavailable503BothLeaveItOpenWithTheAttemptRecorded() {
    long rejected = record("REJECT me");
    long unavailable = record("UNAVAILABLE now");

    JsonNode refusal =
        api.post("/api/v1/dead-letters/" + rejected + "/reprocess", OPERATOR)
            .problem(422, "reprocess-rejected");
    Api.Response later = api.post("/api/v1/dead-letters/" + unavailable + "/reprocess", OPERATOR);

    assertThat(refusal.path("detail").asString()).contains("still no order for " + authority);
    assertThat(refusal.path("attempts").asInt()).isEqualTo(1);
    later.problem(503, "reprocess-unavailable");
    assertThat(later.header("Retry-After")).contains("30");
    JsonNode letter = api.get("/api/v1/dead-letters/" + rejected).json();
    assertThat(letter.path("status").asString()).isEqualTo("OPEN");
    assertThat(letter.path("lastOutcome").asString())
        .isEqualTo("rejected: still no order for " + authority);
    assertThat(letter.path("reprocessingUntil").isNull()).isTrue();
    assertThat(api.get("/api/v1/dead-letters/" + unavailable).json().path("lastOutcome").asString())
        .isEqualTo("unavailable: the database is down");
    assertThat(api.post("/api/v1/dead-letters/" + rejected + "/reprocess", OPERATOR).status())
        .isEqualTo(422);
    assertThat(api.get("/api/v1/dead-letters/" + rejected).json().path("attempts").asInt())
        .isEqualTo(2);
  }

  @Test
  void discardKeepsTheLetterClosedWithWhoAndWhy() {
    long id = record("REJECT forever");

    Api.Response discarded =
        api.post(
            "/api/v1/dead-letters/" + id + "/discard",
            "{\"reason\": \"test message from the vendor\"}");

    assertThat(discarded.status()).as(discarded.text()).isEqualTo(200);
    assertThat(discarded.json().path("status").asString()).isEqualTo("DISCARDED");
    assertThat(discarded.json().path("lastOutcome").asString())
        .isEqualTo("discarded by " + caller + ": test message from the vendor");
    api.post("/api/v1/dead-letters/" + id + "/reprocess", OPERATOR)
        .problem(409, "dead-letter-not-open");
    assertThat(auditOf(id))
        .extracting(a -> a.path("action").asString(), a -> a.path("reason").asString())
        .endsWith(tuple("DISCARD_DEAD_LETTER", "test message from the vendor"));
    api.post("/api/v1/dead-letters/" + id + "/discard", "{}").problem(400, "invalid-field");
    api.post("/api/v1/dead-letters/999999999/discard", OPERATOR)
        .problem(404, "dead-letter-not-found");
  }

  @Test
  void aChannelWithoutReprocessorIs501AndMissingRawBytesAreSaidSo() {
    long otherChannel = record("hl7-elsewhere", authority + "-x", ErrorCode.OTHER, "x", "ACCEPT");
    long lost =
        store
            .deadLetters()
            .recordDeadLetter(
                new NewDeadLetter(
                    CHANNEL,
                    Instant.parse("2026-03-01T09:00:00Z"),
                    null,
                    null,
                    null,
                    null,
                    authority,
                    ErrorCode.OTHER,
                    "its blob was never stored",
                    new BlobRef("0".repeat(64), 3)));

    JsonNode none =
        api.post("/api/v1/dead-letters/" + otherChannel + "/reprocess", OPERATOR)
            .problem(501, "no-reprocessor");
    JsonNode unreadable =
        api.post("/api/v1/dead-letters/" + lost + "/reprocess", OPERATOR)
            .problem(503, "reprocess-unavailable");

    assertThat(none.path("channel").asString()).isEqualTo("hl7-elsewhere");
    assertThat(api.get("/api/v1/dead-letters/" + otherChannel).json().path("attempts").asInt())
        .isZero();
    assertThat(unreadable.path("detail").asString()).contains("raw message cannot be read");
    api.get("/api/v1/dead-letters/" + lost + "/raw").problem(500, "raw-message-unreadable");
    assertThat(auditOf(lost))
        .extracting(a -> a.path("action").asString())
        .containsExactly("REPROCESS_DEAD_LETTER"); // the failed read is not audited as a read
  }

  @Test
  void aReprocessorThatThrowsIsAFaultItsAttemptRecordedAndTheLetterFreeAtOnce() {
    long id = record("THROW up");

    api.post("/api/v1/dead-letters/" + id + "/reprocess", OPERATOR).problem(500, "internal-error");

    JsonNode letter = api.get("/api/v1/dead-letters/" + id).json();
    assertThat(letter.path("status").asString()).isEqualTo("OPEN");
    assertThat(letter.path("attempts").asInt()).isEqualTo(1);
    assertThat(letter.path("lastOutcome").asString())
        .startsWith("unavailable: the reprocessor failed: java.lang.IllegalStateException");
    assertThat(letter.path("reprocessingUntil").isNull()).isTrue();
  }

  private static List<Long> ids(JsonNode page) {
    return StreamSupport.stream(page.path("items").spliterator(), false)
        .map(item -> item.path("id").asLong())
        .toList();
  }
}
