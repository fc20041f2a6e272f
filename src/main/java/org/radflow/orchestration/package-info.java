/**
 * The orchestration engine: workers that claim due steps, call the external systems through the
 * ports, and commit what the answers mean ({@code org.radflow.workflow}) under the step's fence;
 * the health of each service, fed by circuit breakers and active probes, with suspension and
 * rate-limited release; and the operator actions on steps. Plain constructors; wired in {@code
 * org.radflow.config}.
 */
package org.radflow.orchestration;
