package org.radflow.deadletter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.radflow.lifecycle.jdbc.Commands.T0;
import static org.radflow.lifecycle.jdbc.Commands.at;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.radflow.audit.OperatorAction;
import org.radflow.blob.BlobRef;
import org.radflow.db.StoreOnFreshDatabase;
import org.radflow.deadletter.DeadLetter;
import org.radflow.deadletter.DeadLetterChange;
import org.radflow.deadletter.DeadLetterPage;
import org.radflow.deadletter.DeadLetterQuery;
import org.radflow.deadletter.DeadLetterReprocessor.Outcome;
import org.radflow.deadletter.ErrorCode;
import org.radflow.deadletter.NewDeadLetter;

/**
 * The clauses of {@link org.radflow.deadletter.DeadLetterStore}'s Javadoc, a case each, run against
 * every database by a short subclass. Letters reference blobs by hash only: the store never reads
 * them, so no blob store is needed here.
 */
abstract class DeadLetterStoreContractTest extends StoreOnFreshDatabase {

  static final Duration LEASE = Duration.ofMinutes(5);

  // ---- record and find -----------------------------------------------------------------------

  @Test
  void aRecordedLetterIsOpenWithoutAttemptsAndReadsBackAsRecorded() {
    NewDeadLetter recorded =
        new NewDeadLetter(
            "hl7-mllp",
            T0,
            "10.0.0.7:51234",
            "ORU^R01",
            "MSG-1",
            "RIS^EAST",
            "ACC-1",
            ErrorCode.MISSING_FIELD,
            "OBR-3 (filler order number) is empty; the sender must fill it",
            blob("MSH|^~\\&|RIS"));

    long id = stores.deadLetters().recordDeadLetter(recorded);

    assertThat(stores.deadLetters().deadLetter(id))
        .contains(new DeadLetter(id, recorded, DeadLetter.Status.OPEN, 0, null, null, null));
    assertThat(stores.deadLetters().deadLetter(id + 1000)).isEmpty();
  }

  @Test
  void notIdempotentTheSameMessageFailingTwiceIsTwoLetters() {
    long first =
        stores.deadLetters().recordDeadLetter(letter("ACC-1", "MSG-1", ErrorCode.OTHER, "twice"));
    long second =
        stores.deadLetters().recordDeadLetter(letter("ACC-1", "MSG-1", ErrorCode.OTHER, "twice"));

    assertThat(second).isGreaterThan(first);
    assertThat(stores.deadLetters().deadLetter(second).orElseThrow().raw())
        .isEqualTo(stores.deadLetters().deadLetter(first).orElseThrow().raw());
  }

  @Test
  void lettersAreCountedByStatus() {
    assertThat(stores.deadLetters().countDeadLetters(DeadLetter.Status.OPEN)).isZero();
    long first =
        stores.deadLetters().recordDeadLetter(letter("ACC-1", "MSG-1", ErrorCode.OTHER, "one"));
    stores.deadLetters().recordDeadLetter(letter("ACC-2", "MSG-2", ErrorCode.OTHER, "two"));
    stores.deadLetters().discardDeadLetter(first, "j.smith", "junk", at(1));

    assertThat(stores.deadLetters().countDeadLetters(DeadLetter.Status.OPEN)).isEqualTo(1);
    assertThat(stores.deadLetters().countDeadLetters(DeadLetter.Status.DISCARDED)).isEqualTo(1);
    assertThat(stores.deadLetters().countDeadLetters(DeadLetter.Status.REPROCESSED)).isZero();
  }

  @Test
  void whatWasReadOutOfABadMessageIsKeptLenientlyNeverRefused() {
    String longControlId = "C".repeat(NewDeadLetter.CONTROL_ID_LENGTH + 50);
    long id =
        stores
            .deadLetters()
            .recordDeadLetter(
                new NewDeadLetter(
                    "hl7-mllp",
                    T0,
                    "  ",
                    "X".repeat(300),
                    longControlId,
                    null,
                    "A".repeat(NewDeadLetter.ACCESSION_LENGTH),
                    ErrorCode.OVERSIZED,
                    "too big",
                    blob("big")));

    DeadLetter letter = stores.deadLetters().deadLetter(id).orElseThrow();
    assertThat(letter.received().peer()).isNull();
    assertThat(letter.received().messageType()).hasSize(NewDeadLetter.MESSAGE_TYPE_LENGTH);
    assertThat(letter.received().controlId()).isEqualTo(longControlId.substring(0, 256));
    assertThat(letter.received().accession()).hasSize(NewDeadLetter.ACCESSION_LENGTH);
  }

  // ---- the audited raw read ------------------------------------------------------------------

  @Test
  void readingTheRawMessageIsAuditedBeforeTheLetterIsReturned() {
    long id = stores.deadLetters().recordDeadLetter(letter("ACC-1", "MSG-1", ErrorCode.OTHER, "x"));

    assertThat(stores.deadLetters().deadLetterForRawRead(id, "j.smith", "checking OBR-3", at(1)))
        .isPresent();
    assertThat(stores.deadLetters().deadLetterForRawRead(id + 1000, "j.smith", "no such", at(2)))
        .isEmpty();

    assertThat(stores.audit().actions(null, 10))
        .extracting(
            OperatorAction::actor,
            OperatorAction::action,
            OperatorAction::target,
            OperatorAction::reason)
        .containsExactly(
            tuple("j.smith", "READ_DEAD_LETTER_RAW", "dead letter " + id, "checking OBR-3"));
  }

  // ---- search --------------------------------------------------------------------------------

  @Test
  void everyCriterionFiltersAndAllMustMatch() {
    long oru =
        stores
            .deadLetters()
            .recordDeadLetter(
                new NewDeadLetter(
                    "hl7-mllp",
                    at(1),
                    null,
                    "ORU^R01",
                    "MSG-1",
                    null,
                    "ACC-1",
                    ErrorCode.REFUSED_BY_RULES,
                    "a study with a FINAL report cannot take a preliminary one",
                    blob("1")));
    long orm =
        stores
            .deadLetters()
            .recordDeadLetter(
                new NewDeadLetter(
                    "hl7-mllp",
                    at(2),
                    null,
                    "ORM^O01",
                    "MSG-2",
                    null,
                    "ACC-2",
                    ErrorCode.MISSING_FIELD,
                    "PID-3 is empty: 100% of orders need a patient_id",
                    blob("2")));
    long other =
        stores
            .deadLetters()
            .recordDeadLetter(
                new NewDeadLetter(
                    "dicom-events",
                    at(3),
                    null,
                    null,
                    null,
                    null,
                    null,
                    ErrorCode.UNPARSEABLE,
                    "not JSON",
                    blob("3")));
    stores.deadLetters().discardDeadLetter(other, "j.smith", "test junk", at(4));

    assertThat(ids(query().status(DeadLetter.Status.OPEN))).containsExactly(orm, oru);
    assertThat(ids(query().status(DeadLetter.Status.DISCARDED))).containsExactly(other);
    assertThat(ids(query().channel("hl7-mllp"))).containsExactly(orm, oru);
    assertThat(ids(query().errorCode(ErrorCode.MISSING_FIELD))).containsExactly(orm);
    assertThat(ids(query().messageType("ORU^R01"))).containsExactly(oru);
    assertThat(ids(query().controlId("MSG-2"))).containsExactly(orm);
    assertThat(ids(query().accession("ACC-1"))).containsExactly(oru);
    assertThat(ids(query().text("final REPORT"))).containsExactly(oru);
    assertThat(ids(query().text("100%"))).containsExactly(orm);
    assertThat(ids(query().text("0%"))).containsExactly(orm);
    assertThat(ids(query().text("t_id"))).containsExactly(orm);
    assertThat(ids(query().text("tXid"))).isEmpty(); // _ is no wildcard
    assertThat(ids(query().from(at(2)))).containsExactly(other, orm);
    assertThat(ids(query().to(at(2)))).containsExactly(oru);
    assertThat(ids(query().from(at(2)).to(at(3)))).containsExactly(orm);
    assertThat(ids(query().channel("hl7-mllp").accession("ACC-2").status(DeadLetter.Status.OPEN)))
        .containsExactly(orm);
    assertThat(ids(query().channel("dicom-events").accession("ACC-2"))).isEmpty();
  }

  @Test
  void pagesRunNewestFirstAndTheCursorContinuesWhereThePageEnded() {
    List<Long> recorded = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      recorded.add(
          stores
              .deadLetters()
              .recordDeadLetter(letter("ACC-" + i, "MSG-" + i, ErrorCode.OTHER, "x")));
    }

    DeadLetterPage first = stores.deadLetters().searchDeadLetters(query().limit(2).build());
    DeadLetterPage second =
        stores.deadLetters().searchDeadLetters(query().limit(2).after(first.nextAfterId()).build());
    // a letter recorded meanwhile is newer than the cursor: paging on is not disturbed
    stores.deadLetters().recordDeadLetter(letter("ACC-9", "MSG-9", ErrorCode.OTHER, "late"));
    DeadLetterPage third =
        stores
            .deadLetters()
            .searchDeadLetters(query().limit(2).after(second.nextAfterId()).build());

    assertThat(first.items())
        .extracting(DeadLetter::id)
        .containsExactly(recorded.get(4), recorded.get(3));
    assertThat(first.nextAfterId()).isEqualTo(recorded.get(3));
    assertThat(second.items())
        .extracting(DeadLetter::id)
        .containsExactly(recorded.get(2), recorded.get(1));
    assertThat(third.items()).extracting(DeadLetter::id).containsExactly(recorded.get(0));
    assertThat(third.nextAfterId()).isNull();
    assertThat(stores.deadLetters().searchDeadLetters(query().limit(6).build()).nextAfterId())
        .isNull();
  }

  // ---- reprocessing --------------------------------------------------------------------------

  @Test
  void aClaimCountsTheAttemptAndHoldsTheLetterUntilItsLeaseLapses() {
    long id = stores.deadLetters().recordDeadLetter(letter("ACC-1", "MSG-1", ErrorCode.OTHER, "x"));

    DeadLetter claimed =
        changed(stores.deadLetters().claimForReprocess(id, "j.smith", "order fixed", at(1), LEASE));
    DeadLetterChange busy =
        stores.deadLetters().claimForReprocess(id, "a.jones", "me too", at(2), LEASE);
    DeadLetterChange busyDiscard =
        stores.deadLetters().discardDeadLetter(id, "a.jones", "junk", at(3));
    DeadLetter takenOver =
        changed(
            stores
                .deadLetters()
                .claimForReprocess(id, "a.jones", "stuck", at(1).plus(LEASE), LEASE));

    assertThat(claimed.attempts()).isEqualTo(1);
    assertThat(claimed.lastAttemptAt()).isEqualTo(at(1));
    assertThat(claimed.reprocessingUntil()).isEqualTo(at(1).plus(LEASE));
    assertThat(claimed.status()).isEqualTo(DeadLetter.Status.OPEN);
    assertThat(busy).isInstanceOf(DeadLetterChange.Refused.class);
    assertThat(((DeadLetterChange.Refused) busy).reason()).contains("being reprocessed");
    assertThat(busyDiscard).isInstanceOf(DeadLetterChange.Refused.class);
    assertThat(takenOver.attempts()).isEqualTo(2);
    assertThat(stores.audit().actions(null, 10))
        .extracting(OperatorAction::actor, OperatorAction::action)
        .containsExactly(
            tuple("a.jones", "DISCARD_DEAD_LETTER"), tuple("a.jones", "REPROCESS_DEAD_LETTER"));
    assertThat(stores.audit().actions(null, 10))
        .allSatisfy(a -> assertThat(a.outcome()).startsWith("refused: "));
  }

  @Test
  void acceptedMakesTheLetterReprocessedReleasesTheClaimAndIsAudited() {
    long id = stores.deadLetters().recordDeadLetter(letter("ACC-1", "MSG-1", ErrorCode.OTHER, "x"));
    DeadLetter claimed =
        changed(stores.deadLetters().claimForReprocess(id, "j.smith", "fixed", at(1), LEASE));

    DeadLetter done = changed(finish(claimed, new Outcome.Accepted("result applied"), at(2)));

    assertThat(done.status()).isEqualTo(DeadLetter.Status.REPROCESSED);
    assertThat(done.lastOutcome()).isEqualTo("accepted: result applied");
    assertThat(done.reprocessingUntil()).isNull();
    assertThat(done.attempts()).isEqualTo(1);
    assertThat(stores.audit().actions(null, 10))
        .extracting(OperatorAction::action, OperatorAction::target, OperatorAction::outcome)
        .containsExactly(
            tuple(
                "REPROCESS_DEAD_LETTER",
                "dead letter " + id,
                "attempt 1 accepted: result applied"));
  }

  @Test
  void rejectedAndUnavailableLeaveItOpenWithTheOutcomeAndAnotherAttemptMayFollowAtOnce() {
    long id = stores.deadLetters().recordDeadLetter(letter("ACC-1", "MSG-1", ErrorCode.OTHER, "x"));
    DeadLetter first =
        changed(stores.deadLetters().claimForReprocess(id, "j.smith", "try", at(1), LEASE));
    DeadLetter rejected = changed(finish(first, new Outcome.Rejected("still no order"), at(2)));
    DeadLetter second =
        changed(stores.deadLetters().claimForReprocess(id, "j.smith", "again", at(3), LEASE));
    DeadLetter unavailable =
        changed(finish(second, new Outcome.Unavailable("database down"), at(4)));

    assertThat(rejected.status()).isEqualTo(DeadLetter.Status.OPEN);
    assertThat(rejected.lastOutcome()).isEqualTo("rejected: still no order");
    assertThat(rejected.reprocessingUntil()).isNull();
    assertThat(unavailable.status()).isEqualTo(DeadLetter.Status.OPEN);
    assertThat(unavailable.attempts()).isEqualTo(2);
    assertThat(unavailable.lastAttemptAt()).isEqualTo(at(3));
    assertThat(unavailable.lastOutcome()).isEqualTo("unavailable: database down");
  }

  @Test
  void anAttemptWhoseClaimWasTakenOverWritesNothing() {
    long id = stores.deadLetters().recordDeadLetter(letter("ACC-1", "MSG-1", ErrorCode.OTHER, "x"));
    DeadLetter slow =
        changed(stores.deadLetters().claimForReprocess(id, "j.smith", "try", at(1), LEASE));
    DeadLetter later =
        changed(
            stores
                .deadLetters()
                .claimForReprocess(id, "a.jones", "stuck", at(1).plus(LEASE), LEASE));

    DeadLetterChange lost = finish(slow, new Outcome.Accepted("late"), at(9));

    assertThat(lost).isInstanceOf(DeadLetterChange.Refused.class);
    assertThat(stores.deadLetters().deadLetter(id)).contains(later);
    assertThat(
            stores
                .deadLetters()
                .finishReprocess(id, 7, new Outcome.Accepted("x"), "j.smith", "x", at(9)))
        .isInstanceOf(DeadLetterChange.Refused.class);
    assertThat(
            stores
                .deadLetters()
                .finishReprocess(id + 1000, 1, new Outcome.Accepted("x"), "j", "x", at(9)))
        .isEqualTo(new DeadLetterChange.NotFound(id + 1000));
  }

  @Test
  void aClosedLetterIsRefusedForEveryActionAndTheRefusalIsAudited() {
    long id = stores.deadLetters().recordDeadLetter(letter("ACC-1", "MSG-1", ErrorCode.OTHER, "x"));
    stores.deadLetters().discardDeadLetter(id, "j.smith", "duplicate of MSG-0", at(1));

    DeadLetterChange claim =
        stores.deadLetters().claimForReprocess(id, "a.jones", "try", at(2), LEASE);
    DeadLetterChange discard =
        stores.deadLetters().discardDeadLetter(id, "a.jones", "again", at(3));

    assertThat(claim).isInstanceOf(DeadLetterChange.Refused.class);
    assertThat(((DeadLetterChange.Refused) claim).reason())
        .isEqualTo("dead letter " + id + " is DISCARDED, not OPEN");
    assertThat(discard).isInstanceOf(DeadLetterChange.Refused.class);
    assertThat(stores.deadLetters().deadLetter(id).orElseThrow().attempts()).isZero();
    assertThat(stores.audit().actions(null, 10))
        .extracting(OperatorAction::action, OperatorAction::outcome)
        .containsExactly(
            tuple("DISCARD_DEAD_LETTER", "refused: dead letter " + id + " is DISCARDED, not OPEN"),
            tuple(
                "REPROCESS_DEAD_LETTER", "refused: dead letter " + id + " is DISCARDED, not OPEN"),
            tuple("DISCARD_DEAD_LETTER", "discarded"));
  }

  @Test
  void discardClosesAnOpenLetterWithWhoAndWhy() {
    long id = stores.deadLetters().recordDeadLetter(letter("ACC-1", "MSG-1", ErrorCode.OTHER, "x"));

    DeadLetter discarded =
        changed(stores.deadLetters().discardDeadLetter(id, "j.smith", "test message", at(1)));

    assertThat(discarded.status()).isEqualTo(DeadLetter.Status.DISCARDED);
    assertThat(discarded.lastOutcome()).isEqualTo("discarded by j.smith: test message");
    assertThat(stores.deadLetters().discardDeadLetter(id + 1000, "j.smith", "x", at(2)))
        .isEqualTo(new DeadLetterChange.NotFound(id + 1000));
    assertThat(stores.deadLetters().claimForReprocess(id + 1000, "j.smith", "x", at(2), LEASE))
        .isEqualTo(new DeadLetterChange.NotFound(id + 1000));
  }

  @Test
  void ofConcurrentClaimsOnOneLetterExactlyOneWins() throws Exception {
    long id = stores.deadLetters().recordDeadLetter(letter("ACC-1", "MSG-1", ErrorCode.OTHER, "x"));
    int contenders = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(contenders);
    try {
      List<Future<DeadLetterChange>> claims = new ArrayList<>();
      for (int i = 0; i < contenders; i++) {
        String actor = "operator-" + i;
        Callable<DeadLetterChange> claim =
            () -> {
              start.await();
              return stores.deadLetters().claimForReprocess(id, actor, "race", at(1), LEASE);
            };
        claims.add(pool.submit(claim));
      }
      start.countDown();
      List<DeadLetterChange> results = new ArrayList<>();
      for (Future<DeadLetterChange> claim : claims) {
        results.add(claim.get());
      }
      assertThat(results).filteredOn(DeadLetterChange.Changed.class::isInstance).hasSize(1);
      assertThat(results)
          .filteredOn(DeadLetterChange.Refused.class::isInstance)
          .hasSize(contenders - 1);
      assertThat(stores.deadLetters().deadLetter(id).orElseThrow().attempts()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  static NewDeadLetter letter(String accession, String controlId, ErrorCode code, String reason) {
    return new NewDeadLetter(
        "hl7-mllp",
        T0,
        null,
        "ORU^R01",
        controlId,
        "RIS",
        accession,
        code,
        reason,
        blob(controlId));
  }

  /** The reference a blob of {@code content} would have; the store never reads the blob. */
  static BlobRef blob(String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    try {
      return new BlobRef(
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
          bytes.length);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Ends the attempt {@code claimed} holds, as its operator. */
  private DeadLetterChange finish(DeadLetter claimed, Outcome outcome, Instant at) {
    return stores
        .deadLetters()
        .finishReprocess(claimed.id(), claimed.attempts(), outcome, "j.smith", "reprocess", at);
  }

  private static DeadLetter changed(DeadLetterChange change) {
    assertThat(change).isInstanceOf(DeadLetterChange.Changed.class);
    return ((DeadLetterChange.Changed) change).letter();
  }

  private List<Long> ids(Query query) {
    return stores.deadLetters().searchDeadLetters(query.build()).items().stream()
        .map(DeadLetter::id)
        .toList();
  }

  static Query query() {
    return new Query();
  }

  /** A {@link DeadLetterQuery} built a criterion at a time. */
  static final class Query {
    private DeadLetter.Status status;
    private String channel;
    private ErrorCode errorCode;
    private String messageType;
    private String controlId;
    private String accession;
    private String text;
    private Instant from;
    private Instant to;
    private int limit = DeadLetterQuery.DEFAULT_LIMIT;
    private Long after;

    Query status(DeadLetter.Status value) {
      status = value;
      return this;
    }

    Query channel(String value) {
      channel = value;
      return this;
    }

    Query errorCode(ErrorCode value) {
      errorCode = value;
      return this;
    }

    Query messageType(String value) {
      messageType = value;
      return this;
    }

    Query controlId(String value) {
      controlId = value;
      return this;
    }

    Query accession(String value) {
      accession = value;
      return this;
    }

    Query text(String value) {
      text = value;
      return this;
    }

    Query from(Instant value) {
      from = value;
      return this;
    }

    Query to(Instant value) {
      to = value;
      return this;
    }

    Query limit(int value) {
      limit = value;
      return this;
    }

    Query after(Long value) {
      after = value;
      return this;
    }

    DeadLetterQuery build() {
      return new DeadLetterQuery(
          status,
          channel,
          errorCode,
          messageType,
          controlId,
          accession,
          text,
          from,
          to,
          limit,
          after);
    }
  }
}
