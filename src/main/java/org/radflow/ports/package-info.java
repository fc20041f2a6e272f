/**
 * The outbound ports: what the orchestration engine asks of the external systems (identity,
 * scheduling, worklist, image archive, national record, billing), and their HTTP adapters.
 *
 * <p>Every call answers a {@link org.radflow.ports.PortOutcome}; transport trouble is a value
 * ({@code Unavailable}, {@code Failed}), never an exception, so the engine decides about retries
 * and health in one place. Every call carries the caller's idempotency key, so a retry after a
 * timeout cannot repeat a side effect. Plain JDK HTTP and Jackson only: no Spring here.
 */
package org.radflow.ports;
