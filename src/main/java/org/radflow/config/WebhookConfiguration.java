package org.radflow.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.radflow.webhook.DeliveryPolicy;
import org.radflow.webhook.WebhookDispatcher;
import org.radflow.webhook.WebhookStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the webhook dispatcher unless {@code radflow.webhooks.enabled=false} ({@code
 * RADFLOW_WEBHOOKS_ENABLED}). {@code radflow.webhooks.max-attempts} (default 10) is how many failed
 * attempts make a delivery dead. The subscription API works either way; without a dispatcher on any
 * node, deliveries wait.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    name = "radflow.webhooks.enabled",
    havingValue = "true",
    matchIfMissing = true)
class WebhookConfiguration {

  @Bean(initMethod = "start", destroyMethod = "close")
  WebhookDispatcher webhookDispatcher(
      WebhookStore store,
      Clock clock,
      MeterRegistry meters,
      @Value("${radflow.webhooks.max-attempts:10}") int maxAttempts) {
    return new WebhookDispatcher(
        store, clock, DeliveryPolicy.defaults().withMaxAttempts(maxAttempts), meters);
  }
}
