/**
 * The webhook sink: a dispatcher that sends each subscription's deliveries in order, signed, with
 * capped and jittered retries and a dead-letter view. The delivery rows themselves are written by
 * the relay when it publishes an event ({@link org.radflow.webhook.WebhookStore#deliverNow}); this
 * package only sends them and records what came of it.
 *
 * <p>Where webhooks may go is decided here too: {@link org.radflow.webhook.AddressKind} and {@link
 * org.radflow.webhook.TargetPolicy} say which addresses are allowed, {@link
 * org.radflow.webhook.WebhookTargets} checks a URL at subscription and before every attempt, and
 * {@link org.radflow.webhook.WebhookSender} connects to exactly the address checked. Secrets are
 * sealed under the blob keyring ({@link org.radflow.webhook.WebhookSecrets}). See docs/webhooks.md.
 *
 * <p>Plain constructors, wired in {@code org.radflow.config}. No Spring and no JDBC here: {@link
 * org.radflow.webhook.WebhookStore} is the only way to the tables, which live in {@code
 * org.radflow.webhook.jdbc}.
 */
package org.radflow.webhook;
