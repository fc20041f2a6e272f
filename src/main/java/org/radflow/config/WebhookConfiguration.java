package org.radflow.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.radflow.webhook.DeliveryPolicy;
import org.radflow.webhook.HostResolver;
import org.radflow.webhook.TargetPolicy;
import org.radflow.webhook.WebhookDispatcher;
import org.radflow.webhook.WebhookStore;
import org.radflow.webhook.WebhookSubscriptions;
import org.radflow.webhook.WebhookTargets;
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
 *   <li>{@code radflow.webhooks.enabled} ({@code RADFLOW_WEBHOOKS_ENABLED}, default true): run the
 *       dispatcher on this node. The subscription API works either way; without a dispatcher on any
 *       node, deliveries wait.
 *   <li>{@code radflow.webhooks.max-attempts} (default 10): how many failed attempts make a
 *       delivery dead.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

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

  @Bean
  WebhookSubscriptions webhookSubscriptions(
      WebhookStore store,
      WebhookTargets targets,
      @Value("${radflow.webhooks.max-active:" + WebhookSubscriptions.DEFAULT_MAX_ACTIVE + "}")
          int maxActive) {
    return new WebhookSubscriptions(store, targets, maxActive);
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  @ConditionalOnProperty(
      name = "radflow.webhooks.enabled",
      havingValue = "true",
      matchIfMissing = true)
  WebhookDispatcher webhookDispatcher(
      WebhookStore store,
      WebhookTargets targets,
      Clock clock,
      MeterRegistry meters,
      @Value("${radflow.webhooks.max-attempts:10}") int maxAttempts) {
    return new WebhookDispatcher(
        store, clock, DeliveryPolicy.defaults().withMaxAttempts(maxAttempts), meters, targets);
  }
}
