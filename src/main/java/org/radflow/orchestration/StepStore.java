package org.radflow.orchestration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.radflow.lifecycle.StepPayloads;
import org.radflow.study.StudyId;
import org.radflow.workflow.Service;

/**
 * The durable steps of the orchestration: claimed with leases and finished under a fence. Steps are
 * created by the study store, in the transaction of the change whose policy started them ({@code
 * Policies}); operators act on them through {@link Recovery}, and their services' health lives in
 * {@link ServiceStore}.
 *
 * <p>{@code StepStoreContractTest} checks every clause below against both databases.
 */
public interface StepStore {

  /**
   * Claims up to {@code limit} steps that are due — pending ones whose service is up, and running
   * ones whose lease expired (a dead worker's) — leasing them to {@code owner} until {@code now +
   * lease}. On PostgreSQL concurrent claimers skip each other's rows ({@code SKIP LOCKED}); a step
   * is held by one worker at a time. Each claim increments the step's fence and attempt count. A
   * claimed step carries the traceparent of the commit that started it.
   */
  List<ClaimedStep> claim(String owner, int limit, Instant now, Duration lease);

  /**
   * Ends a claim. Written only if the step still carries the claim's fence and is running;
   * otherwise {@link StepCommit.LeaseLost} and nothing is written. Effects apply to the study in
   * the same transaction, with their history and outbox rows and any steps their policies start. A
   * forward step that completes after its study was cancelled or compensated gets its undo. What it
   * writes carries the traceparent of the span current on the caller's thread (the finish).
   */
  StepCommit finish(ClaimedStep step, StepFinish finish, Instant now);

  /**
   * Gives a claim back before its lease runs out, as a node that is shutting down does with the
   * steps it cannot finish in time: the lease ends at {@code now}, so the next claim after {@code
   * now} takes the step over (naming this claim's owner in {@code takenOverFrom}) and calls again
   * with the same idempotency key. Written only if the step still carries the claim's fence and is
   * running; false, and nothing written, otherwise. The claim's own later {@link #finish} still
   * succeeds if no other claim took the step in between.
   */
  boolean release(ClaimedStep step, Instant now);

  /**
   * Replaces the request a running step retained with {@code retained}, under the claim's fence:
   * what the step sends from now on, when its study's IHI or the document it replaces changed since
   * it was written. False, and nothing written, when the claim no longer holds the step.
   */
  boolean retainAgain(ClaimedStep step, StepPayloads.Retained retained, Instant now);

  /**
   * Purges the requests retained by steps that succeeded before {@code succeededBefore}: each blob
   * is deleted by {@code delete} and the step marked purged. At most {@code limit} steps.
   *
   * @return how many were purged
   */
  int purgeRetained(
      Instant succeededBefore, int limit, java.util.function.Consumer<String> delete, Instant now);

  /**
   * The steps suspended on {@code service}, oldest first (by when they were written), at most
   * {@code limit} of them: what an operator reads before releasing it. Urgent steps are marked
   * ({@link StepRecord#urgent()}), not put first; the order they are released in is {@link
   * ServiceStore#releaseDue}'s. Bounded by {@code limit} however many are suspended.
   *
   * @throws IllegalArgumentException when {@code limit} is below 1
   */
  List<StepRecord> suspended(Service service, int limit);

  /** The most steps {@link #recentlyCompleted} answers at once. */
  int MAX_RECENTLY_COMPLETED = 10_000;

  /**
   * Up to {@code limit} steps at external services that succeeded at or after {@code since}, newest
   * first: what the console charts step latency from. Timers (no service) are left out, as their
   * duration is their deadline, and so are failed and cancelled steps.
   *
   * @throws IllegalArgumentException when {@code limit} is not 1 to {@link #MAX_RECENTLY_COMPLETED}
   */
  List<StepDuration> recentlyCompleted(Instant since, int limit);

  /** The steps of a study, oldest first. */
  List<StepRecord> steps(StudyId study);

  Optional<StepRecord> step(UUID id);
}
