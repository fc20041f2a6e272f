package org.radflow.webhook;

/** What asking to subscribe came to. */
public sealed interface Subscribing {

  record Subscribed(WebhookSubscription subscription) implements Subscribing {}

  /**
   * The URL may not be sent to, with the reason.
   *
   * @param setting the setting that would allow it, or null when none would
   */
  record TargetRefused(String reason, String setting) implements Subscribing {}

  /** As many subscriptions as allowed are active already; nothing was written but the audit. */
  record LimitReached(int limit) implements Subscribing {}
}
