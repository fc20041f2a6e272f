package org.radflow.lifecycle;

import java.time.Duration;
import java.time.Instant;
import org.radflow.study.NewStudy;
import org.radflow.study.PatientRef;
import org.radflow.study.StudyId;
import org.radflow.study.Transition;

/**
 * The durable truth about studies. One implementation, {@code lifecycle.jdbc.JdbcStudyStore}, on
 * either database; {@code StudyStoreContractTest} checks every clause below against SQLite and
 * PostgreSQL.
 *
 * <p><b>Atomicity.</b> An accepted command writes the study row, one history entry per change and
 * one outbox row per history entry in one transaction; a fault leaves none of them.
 *
 * <p><b>Concurrency.</b> Commands on one study are serialised (a row lock on PostgreSQL, the single
 * writer on SQLite) and every study row update checks the version it read; commands on different
 * studies do not wait for each other on PostgreSQL. A transaction never touches two studies.
 *
 * <p><b>Trace.</b> Each history entry, its outbox row and the steps it starts carry the W3C
 * traceparent of the span current on the caller's thread when the command was given (the store's
 * {@code Tracing}), whichever thread writes it; none without a span.
 *
 * <p><b>Faults.</b> Database faults surface as {@link StoreException}, never {@code SQLException};
 * nothing is committed when one is thrown.
 */
public interface StudyStore extends StudyReads {

  /**
   * Opens a study. The business key is the idempotency key of creation, and is looked at first:
   *
   * <ul>
   *   <li>no study with that key: the model decides; {@link CreateResult.Created} with history
   *       entry 1 and its outbox row, or {@link CreateResult.Refused} and nothing written;
   *   <li>a study with that key and the same {@link NewStudy#fingerprint()}: {@link
   *       CreateResult.Existing}, nothing written, even if the id differs;
   *   <li>a study with that key and another fingerprint: {@link CreateResult.Conflict}, the
   *       conflict recorded ({@link #conflicts}) and the study untouched;
   *   <li>attributes and references above the inline limit: {@link CreateResult.TooLarge}.
   * </ul>
   *
   * The placer and filler order numbers the attributes name ({@link
   * org.radflow.study.OrderNumber.Role}) are indexed for {@link #idOfOrder} in the same
   * transaction, each unless another study holds it already; a number held elsewhere does not stop
   * the study opening.
   *
   * <p>Two concurrent creations with one key produce one study.
   */
  CreateResult create(NewStudy command);

  /**
   * Applies a transition to a study.
   *
   * <ul>
   *   <li>unknown study: {@link ApplyResult.NotFound};
   *   <li>inline data above the limit: {@link ApplyResult.TooLarge}, nothing written;
   *   <li>key already used on this study with the same {@link Transition#fingerprint()}: {@link
   *       ApplyResult.Duplicate} with the original outcome, nothing written;
   *   <li>key already used with another fingerprint: {@link ApplyResult.Conflict}, the conflict
   *       recorded, the study untouched;
   *   <li>{@code expectedVersion} given and not the current version: {@link
   *       ApplyResult.VersionMismatch}, nothing written;
   *   <li>refused by the model: {@link ApplyResult.Refused}, nothing written, the key left free;
   *   <li>otherwise {@link ApplyResult.Committed}: the changes (the transition applied, held or —
   *       when the study already showed it — observed, plus any held transitions it released)
   *       appended in order, each with its outbox row, the key recorded with that outcome, and the
   *       study row at version + number of changes. An order number the transition's data names, in
   *       a role where the study has none and no other study holds it, is indexed for {@link
   *       #idOfOrder} in the same transaction; the study keeps the first number it was given in
   *       each role.
   * </ul>
   *
   * @param expectedVersion the version the caller last read, or {@code null} to not check
   */
  ApplyResult apply(StudyId id, Transition transition, Long expectedVersion);

  /**
   * {@link #apply}, with the transport message it arrived in recorded in the inbox in the same
   * transaction (when it commits or is a duplicate). A message already in the inbox is answered as
   * {@link ApplyResult.Duplicate} with the outcome of its first delivery, and nothing is written —
   * even if what it carries now differs. A refused command leaves no inbox entry, so the message
   * can be delivered again once the command is legal.
   */
  ApplyResult apply(
      StudyId id, Transition transition, Long expectedVersion, InboundMessage message);

  /**
   * Moves held transitions whose deadline is at or before {@code now} to the exception lane, each
   * study in its own transaction. Idempotent: a hold expires once.
   *
   * @return how many studies changed
   */
  int expireHolds(Instant now, int maxStudies);

  /**
   * Records how many studies are in each status now, as the sample of the minute {@code now} falls
   * in, and deletes samples older than {@code now - retention}. Idempotent per minute and safe on
   * several nodes at once: the first sample of a minute stands whole, later ones write nothing.
   *
   * @return whether this call wrote the minute's sample
   */
  boolean sampleStatuses(Instant now, Duration retention);

  /** Records that a merge retired {@code retired} in favour of {@code surviving}. */
  void linkPatient(PatientRef retired, PatientRef surviving, Instant at);
}
