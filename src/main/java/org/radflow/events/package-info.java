/**
 * The event backbone: the relay that publishes the outbox in commit order per study — to Kafka as
 * CloudEvents when configured, and to webhook subscriptions always — with leases over slices of the
 * study space, parking of events that cannot be published, retention, replay and lag metrics. The
 * database stays the truth; the backbone buffers and fans out.
 *
 * <p>The relay reaches the outbox only through {@link org.radflow.events.OutboxStore} and {@link
 * org.radflow.events.OutboxOperations}; the table lives in {@code org.radflow.events.jdbc}. No
 * Spring and no JDBC here; wired in {@code org.radflow.config}.
 */
package org.radflow.events;
