/**
 * The event backbone: the relay that publishes the outbox in commit order per study — to Kafka as
 * CloudEvents when configured, and to webhook subscriptions always — with leases over slices of the
 * study space, parking of events that cannot be published, retention, replay and lag metrics. The
 * database stays the truth; the backbone buffers and fans out.
 */
package org.radflow.events;
