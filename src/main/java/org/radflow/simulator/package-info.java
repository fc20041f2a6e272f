/**
 * Stand-ins for the external systems radflow drives, run as real HTTP services on loopback so
 * end-to-end tests exercise the same adapters production uses.
 *
 * <p>Each {@link org.radflow.simulator.Simulator} serves one {@link org.radflow.workflow.Service}
 * on its own port, keeps its state in memory, remembers the answer to every idempotency key (so a
 * test can assert that no side effect happened twice) and misbehaves on command ({@link
 * org.radflow.simulator.Fault}). A {@link org.radflow.simulator.SimulatorCluster} runs all six plus
 * a control API on a port of its own. JDK {@code HttpServer} and Jackson only: no Spring here.
 */
package org.radflow.simulator;
