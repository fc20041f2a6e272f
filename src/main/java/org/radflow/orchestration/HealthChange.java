package org.radflow.orchestration;

import java.time.Instant;
import org.radflow.workflow.Service;

/**
 * One change of an external service's agreed health, as the console's health history shows it.
 *
 * @param id increasing in the order the changes were recorded
 * @param state the state the service changed to
 * @param reason why, in words
 * @param actor who changed it: the operator or automatic release that released the service; {@code
 *     null} when radflow itself did (a circuit breaker, the probes, the end of a release)
 */
public record HealthChange(
    long id, Service service, ServiceStatus.State state, String reason, String actor, Instant at) {}
