package org.radflow.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.radflow.blob.BlobKeys;
import org.radflow.webhook.DeliveryPolicy;
import org.radflow.webhook.HostResolver;
import org.radflow.webhook.TargetPolicy;
import org.radflow.webhook.WebhookDispatcher;
import org.radflow.webhook.WebhookSecrets;
import org.radflow.webhook.WebhookStore;
import org.radflow.webhook.WebhookSubscriptions;
import org.radflow.webhook.WebhookTargets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Webhooks: where they may be sent, subscribing, and the dispatcher.
 *
 * <ul>
 *   <li>{@code radflow.webhooks.allow-http-loopback} ({@code RADFLOW_WEBHOOKS_ALLOW_HTTP_LOOPBACK},
 *       default false): accept plain http URLs, to loopback addresses only, and loopback targets.
 *   <li>{@code radflow.webhooks.allowed-networks} ({@code RADFLOW_WEBHOOKS_ALLOWED_NETWORKS}, CIDR
 *       blocks separated by commas, default none): private, loopback or link-local blocks that may
 *       be sent to all the same.
 *   <li>{@code radflow.webhooks.max-active} ({@code RADFLOW_WEBHOOKS_MAX_ACTIVE}, default 20): how
 *       many subscriptions may be active at once.
 *   <li>Secrets are sealed under the blob keyring (see {@code BlobConfiguration}).
 *   <li>{@code radflow.webhooks.enabled} ({@code RADFLOW_WEBHOOKS_ENABLED}, default true): run the
 *       dispatcher on this node. The subscription API works either way; without a dispatcher on any
 *       node, deliveries wait.
 *   <li>{@code radflow.webhooks.max-attempts} (default 10): how many failed attempts make a
 *       delivery dead.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

  private static final Logger log = LoggerFactory.getLogger(WebhookConfiguration.class);

  /** The system's resolver, unless a test gives a {@link HostResolver} bean of its own. */
  @Bean
  WebhookTargets webhookTargets(
      @Value("${radflow.webhooks.allow-http-loopback:false}") boolean allowHttpLoopback,
      @Value("${radflow.webhooks.allowed-networks:}") String allowedNetworks,
      ObjectProvider<HostResolver> resolver) {
    return new WebhookTargets(
        new TargetPolicy(allowHttpLoopback, TargetPolicy.networks(allowedNetworks)),
        resolver.getIfAvailable(HostResolver::system));
  }

  /**
   * Sealing under the blob keyring; seals here, once, the secrets stored plain before V10 (none
   * after the first start, and racing nodes seal each secret once).
   */
  @Bean
  WebhookSecrets webhookSecrets(BlobKeys keys, WebhookStore store) {
    WebhookSecrets secrets = new WebhookSecrets(keys);
    int sealed = secrets.sealPlainSecrets(store);
    if (sealed > 0) {
      log.info("sealed {} webhook secrets stored plain before V10 under {}", sealed, keys);
    }
    return secrets;
  }

  @Bean
  WebhookSubscriptions webhookSubscriptions(
      WebhookStore store,
      WebhookTargets targets,
      WebhookSecrets secrets,
      @Value("${radflow.webhooks.max-active:" + WebhookSubscriptions.DEFAULT_MAX_ACTIVE + "}")
          int maxActive) {
    return new WebhookSubscriptions(store, targets, secrets, maxActive);
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  @ConditionalOnProperty(
      name = "radflow.webhooks.enabled",
      havingValue = "true",
      matchIfMissing = true)
  WebhookDispatcher webhookDispatcher(
      WebhookStore store,
      WebhookTargets targets,
      WebhookSecrets secrets,
      Clock clock,
      MeterRegistry meters,
      @Value("${radflow.webhooks.max-attempts:10}") int maxAttempts) {
    return new WebhookDispatcher(
        store,
        clock,
        DeliveryPolicy.defaults().withMaxAttempts(maxAttempts),
        meters,
        targets,
        secrets);
  }
}
