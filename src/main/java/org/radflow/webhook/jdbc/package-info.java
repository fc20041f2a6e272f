/**
 * The webhook tables: subscriptions, and deliveries written by the relay's fan-out in the
 * transaction that marks their event published, claimed under fenced leases. Used only by other
 * JDBC parts and the composition roots; the dispatcher sees {@link
 * org.radflow.webhook.WebhookStore}.
 */
package org.radflow.webhook.jdbc;
