package org.radflow.webhook;

import java.time.Instant;
import java.util.List;

/**
 * Subscribing, with the checks a subscription must pass before it is stored: its URL may be sent to
 * ({@link WebhookTargets}, resolving the name now; the dispatcher checks again before each
 * attempt).
 */
public final class WebhookSubscriptions {

  private final WebhookStore store;
  private final WebhookTargets targets;

  public WebhookSubscriptions(WebhookStore store, WebhookTargets targets) {
    this.store = store;
    this.targets = targets;
  }

  public Subscribing subscribe(
      String url, String secret, List<String> eventTypes, String actor, Instant now) {
    if (targets.check(url) instanceof WebhookTargets.Check.Refused refused) {
      return new Subscribing.TargetRefused(refused.reason(), refused.setting());
    }
    return new Subscribing.Subscribed(store.subscribe(url, secret, eventTypes, actor, now));
  }
}
