/**
 * The webhook sink: a dispatcher that sends each subscription's deliveries in order, signed, with
 * capped and jittered retries and a dead-letter view. The delivery rows themselves are written by
 * the relay when it publishes an event ({@link org.radflow.webhook.WebhookStore#deliverNow}); this
 * package only sends them and records what came of it.
 *
 * <p>Plain constructors, wired in {@code org.radflow.config}. No Spring and no JDBC here: {@link
 * org.radflow.webhook.WebhookStore} is the only way to the tables, which live in {@code
 * org.radflow.webhook.jdbc}.
 */
package org.radflow.webhook;
