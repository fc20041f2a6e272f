package org.radflow.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.radflow.lifecycle.StudyStore;
import org.radflow.orchestration.EngineSettings;
import org.radflow.orchestration.HealthSettings;
import org.radflow.orchestration.Orchestration;
import org.radflow.orchestration.Recovery;
import org.radflow.orchestration.ServiceStore;
import org.radflow.orchestration.StepRequests;
import org.radflow.orchestration.StepStore;
import org.radflow.ports.HttpPorts;
import org.radflow.ports.Ports;
import org.radflow.simulator.EmbeddedSimulators;
import org.radflow.simulator.SimulatorCluster;
import org.radflow.tracing.Tracing;
import org.radflow.workflow.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the step engine. Without service URLs it starts the simulators in-process, so {@code
 * radflow serve} runs a complete workflow on one machine; with them, it calls the real systems.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    name = "radflow.orchestration.enabled",
    havingValue = "true",
    matchIfMissing = true)
class OrchestrationConfiguration {

  private static final Logger log = LoggerFactory.getLogger(OrchestrationConfiguration.class);

  @Bean(destroyMethod = "close")
  EmbeddedSimulators embeddedSimulators(RadflowProperties properties) {
    if (!properties.orchestration().services().isEmpty()) {
      return new EmbeddedSimulators(null);
    }
    SimulatorCluster cluster = SimulatorCluster.start(InetAddress.getLoopbackAddress());
    log.info(
        "no service URLs configured: simulators run in-process (control API {})",
        cluster.controlUrl());
    return new EmbeddedSimulators(cluster);
  }

  @Bean
  Ports ports(RadflowProperties properties, EmbeddedSimulators simulators) {
    if (simulators.cluster().isPresent()) {
      return HttpPorts.connect(simulators.cluster().get().baseUrls());
    }
    Map<Service, URI> urls = new EnumMap<>(Service.class);
    properties
        .orchestration()
        .services()
        .forEach((slug, url) -> urls.put(Service.fromSlug(slug), url));
    return HttpPorts.connect(urls);
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  Orchestration orchestration(
      StudyStore studies,
      StepStore steps,
      Recovery recovery,
      ServiceStore services,
      Ports ports,
      StepRequests requests,
      Clock clock,
      RadflowProperties properties,
      MeterRegistry meters,
      Tracing tracing) {
    OrchestrationProperties o = properties.orchestration();
    String node =
        o.node() != null && !o.node().isBlank()
            ? o.node()
            : ManagementFactory.getRuntimeMXBean().getName(); // pid@host
    EngineSettings engine =
        new EngineSettings(
            node,
            o.workers(),
            Duration.ofMillis(50),
            o.leaseGrace(),
            Duration.ofSeconds(5),
            properties.national().ihiMaxAge());
    HealthSettings defaults = HealthSettings.defaults();
    HealthSettings health =
        new HealthSettings(
            defaults.breakerWindow(),
            defaults.breakerMinimumCalls(),
            defaults.breakerFailureRatePercent(),
            o.probeInterval(),
            defaults.probeTimeout(),
            o.healthyProbes());
    Orchestration orchestration =
        new Orchestration(
            studies,
            steps,
            recovery,
            services,
            ports,
            requests,
            clock,
            StoreConfiguration.retry(o),
            engine,
            health,
            meters,
            tracing);
    if (o.releaseMode() != null || o.releasePerSecond() != null) {
      for (var status : services.services()) {
        orchestration.configureRelease(
            status.service(),
            o.releaseMode() != null ? o.releaseMode() : status.releaseMode(),
            o.releasePerSecond() != null ? o.releasePerSecond() : status.releasePerSecond(),
            "configuration");
      }
    }
    return orchestration;
  }
}
