package org.radflow.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import org.radflow.audit.AuditTrail;
import org.radflow.events.EventBackbone;
import org.radflow.events.OutboxOperations;
import org.radflow.events.OutboxStore;
import org.radflow.events.RelaySettings;
import org.radflow.tracing.Tracing;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires this node's outbox relay: to Kafka when RADFLOW_KAFKA_BOOTSTRAP is set, webhooks always.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "radflow.outbox.relay", havingValue = "true", matchIfMissing = true)
class EventsConfiguration {

  @Bean(initMethod = "start", destroyMethod = "close")
  EventBackbone eventBackbone(
      OutboxStore store,
      OutboxOperations operations,
      AuditTrail audit,
      Clock clock,
      RadflowProperties properties,
      MeterRegistry meters,
      Tracing tracing) {
    String node = ManagementFactory.getRuntimeMXBean().getName();
    String orchestrationNode = properties.orchestration().node();
    String owner =
        orchestrationNode != null && !orchestrationNode.isBlank() ? orchestrationNode : node;
    return new EventBackbone(
        store,
        operations,
        audit,
        properties.kafka().bootstrap(),
        properties.kafka().topic(),
        clock,
        RelaySettings.defaults(owner),
        properties.outbox().retention(),
        1000,
        meters,
        tracing);
  }
}
