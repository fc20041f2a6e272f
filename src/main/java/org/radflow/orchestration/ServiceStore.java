package org.radflow.orchestration;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.radflow.workflow.Service;
import org.radflow.workflow.StepStatus;

/**
 * Each external service's agreed health, shared by every node: marked down by circuit breakers and
 * probes, recovered once probes verify it, and the release of its suspended steps at a bounded
 * rate. Operator changes are audited.
 *
 * <p>{@code StepStoreContractTest} checks every clause below against both databases.
 */
public interface ServiceStore {

  /** The most changes {@link #healthHistory} answers at once. */
  int MAX_HEALTH_HISTORY = 1000;

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

  /** The work suspended on each service that has any, or had a release. */
  Map<Service, SuspendedWork> suspendedWork();

  /**
   * The latest {@code limit} changes of the service's state, newest first. Every change above
   * (down, recovered, releasing, and up when a release drained) is recorded in the transaction that
   * makes it; a call that changes no state records nothing.
   *
   * @throws IllegalArgumentException when {@code limit} is not 1 to {@link #MAX_HEALTH_HISTORY}
   */
  List<HealthChange> healthHistory(Service service, int limit);

  /** How many steps each service has in each status (timers under no service are left out). */
  Map<Service, Map<StepStatus, Long>> stepCounts();

  /**
   * How many unfinished steps (open or failed) each service has in each of those statuses: what the
   * console shows, read through a partial index, so its cost follows the work in hand rather than
   * every step ever taken.
   */
  Map<Service, Map<StepStatus, Long>> unfinishedStepCounts();
}
