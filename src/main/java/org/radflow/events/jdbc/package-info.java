/**
 * The outbox table: the relay's leases, fenced marking and parking, the operators' backlog,
 * retention and replay. Marking an event published also writes what its consumers are owed in the
 * same transaction ({@link org.radflow.events.jdbc.PublicationFanOut}), so the outbox never knows
 * who consumes it. Used only by other JDBC parts and the composition roots; the relay sees {@link
 * org.radflow.events.OutboxStore} and {@link org.radflow.events.OutboxOperations}.
 */
package org.radflow.events.jdbc;
