package org.radflow.webhook;

/** What asking to redeliver a dead webhook delivery came to. */
public sealed interface Redelivery {

  /** Pending again, due now, with a fresh allowance of attempts. */
  record Redelivered(WebhookDelivery delivery) implements Redelivery {}

  /** Meaningless or unsafe, with the reason; nothing changed but the audit. */
  record Refused(String reason) implements Redelivery {}

  record NotFound() implements Redelivery {}
}
