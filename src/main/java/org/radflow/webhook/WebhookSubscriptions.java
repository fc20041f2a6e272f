package org.radflow.webhook;

import java.time.Instant;
import java.util.List;

/**
 * Subscribing, with the checks a subscription must pass before it is stored: its URL may be sent to
 * ({@link WebhookTargets}, resolving the name now; the dispatcher checks again before each
 * attempt), and fewer than {@code maxActive} subscriptions are active, since each one multiplies
 * every event into a delivery. The secret is stored sealed ({@link WebhookSecrets}).
 */
public final class WebhookSubscriptions {

  /** The setting that raises {@code maxActive}. */
  public static final String MAX_ACTIVE = "RADFLOW_WEBHOOKS_MAX_ACTIVE";

  public static final int DEFAULT_MAX_ACTIVE = 20;

  private final WebhookStore store;
  private final WebhookTargets targets;
  private final WebhookSecrets secrets;
  private final int maxActive;

  public WebhookSubscriptions(
      WebhookStore store, WebhookTargets targets, WebhookSecrets secrets, int maxActive) {
    if (maxActive < 1) {
      throw new IllegalArgumentException("maxActive must be at least 1, was " + maxActive);
    }
    this.store = store;
    this.targets = targets;
    this.secrets = secrets;
    this.maxActive = maxActive;
  }

  public Subscribing subscribe(
      String url, String secret, List<String> eventTypes, String actor, Instant now) {
    if (targets.check(url) instanceof WebhookTargets.Check.Refused refused) {
      return new Subscribing.TargetRefused(refused.reason(), refused.setting());
    }
    return store.subscribe(
        url,
        secrets.seal(secret),
        WebhookSubscription.hint(secret),
        eventTypes,
        actor,
        now,
        maxActive);
  }
}
