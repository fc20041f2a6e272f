package org.radflow.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.radflow.study.StudyId;
import org.radflow.workflow.Service;
import org.radflow.workflow.StepStatus;

/**
 * The durable steps of the orchestration: claimed with leases, finished under a fence, redriven and
 * compensated by operators, suspended and released per service. Steps are created by the store
 * itself, in the transaction of the change whose policy started them ({@code Policies}).
 *
 * <p>{@code StepStoreContractTest} checks every clause below against both databases.
 */
public interface StepStore {

  /**
   * Claims up to {@code limit} steps that are due — pending ones whose service is up, and running
   * ones whose lease expired (a dead worker's) — leasing them to {@code owner} until {@code now +
   * lease}. On PostgreSQL concurrent claimers skip each other's rows ({@code SKIP LOCKED}); a step
   * is held by one worker at a time. Each claim increments the step's fence and attempt count.
   */
  List<ClaimedStep> claim(String owner, int limit, Instant now, Duration lease);

  /**
   * Ends a claim. Written only if the step still carries the claim's fence and is running;
   * otherwise {@link StepCommit.LeaseLost} and nothing is written. Effects apply to the study in
   * the same transaction, with their history and outbox rows and any steps their policies start. A
   * forward step that completes after its study was cancelled or compensated gets its undo.
   */
  StepCommit finish(ClaimedStep step, StepFinish finish, Instant now);

  /** The steps of a study, oldest first. */
  List<StepRecord> steps(StudyId study);

  Optional<StepRecord> step(UUID id);

  /**
   * Makes a failed step due again, resolving the exception it raised, and audits it. Refused where
   * unsafe: the study is cancelled or compensated, or the step did not fail. A step whose last
   * answer was a business refusal gets a new idempotency key (the system said no, so nothing
   * happened and the same key would only repeat the no); any other keeps its key, so an effect that
   * did happen is not repeated.
   */
  Redrive redrive(UUID step, String actor, String reason, Instant now);

  /**
   * Records {@code COMPENSATION_REQUESTED} on the study — whose policy stops its open steps and
   * chains the undos of its completed ones, newest first — and audits it.
   */
  ApplyResult compensate(StudyId study, String actor, String reason, Instant now);

  /** Closes an open exception with a note, and audits it. */
  ApplyResult resolve(StudyId study, long exception, String actor, String note, Instant now);

  // ---- services --------------------------------------------------------------------------------

  /** Every service's status; services never seen are UP with the given release defaults. */
  List<ServiceStatus> services();

  /**
   * Marks a service down (from any state) and suspends its pending steps. Returns whether the state
   * changed.
   */
  boolean markDown(Service service, String reason, Instant now);

  /** Suspends the pending steps of services that are not up; returns how many. */
  int suspendPendingOfUnavailable(Instant now);

  /** DOWN → RECOVERED once probes verified it; returns whether the state changed. */
  boolean markRecovered(Service service, Instant now);

  /**
   * Starts releasing a recovered service's suspended steps at its release rate; audited with the
   * actor. Refused (returns the unchanged status) unless the service is RECOVERED, or DOWN with
   * {@code force}.
   */
  ServiceStatus startRelease(
      Service service, String actor, String reason, boolean force, Instant now);

  /**
   * For a RELEASING service, makes due as many suspended steps as its rate allows since the last
   * batch (across all nodes: the service row is the rate's one clock), oldest first; when none is
   * left the service is UP. Returns how many were released.
   */
  int releaseDue(Service service, Instant now);

  ServiceStatus configureRelease(
      Service service, ServiceStatus.ReleaseMode mode, double perSecond, String actor, Instant now);

  /** How many steps each service has in each status (timers under no service are left out). */
  Map<Service, Map<StepStatus, Long>> stepCounts();

  /** Audited operator actions, newest first; of one study when {@code study} is given. */
  List<OperatorAction> actions(StudyId study, int limit);

  /** Audits an action that touches no study row (a release, a configuration). */
  void audit(OperatorAction action);
}
