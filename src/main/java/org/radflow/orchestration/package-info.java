/**
 * The orchestration engine: workers that claim due steps, call the external systems through the
 * ports, and commit what the answers mean ({@code org.radflow.workflow}) under the step's fence;
 * the health of each service, fed by circuit breakers and active probes, with suspension and
 * rate-limited release; and the operator actions on steps.
 *
 * <p>Steps, services and recovery are reached through {@link org.radflow.orchestration.StepStore},
 * {@link org.radflow.orchestration.ServiceStore} and {@link org.radflow.orchestration.Recovery};
 * their tables live in {@code org.radflow.orchestration.jdbc}. No Spring and no JDBC here; plain
 * constructors, wired in {@code org.radflow.config}.
 */
package org.radflow.orchestration;
