package org.radflow.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.radflow.orchestration.ServiceStatus;

/**
 * The orchestration's settings ({@code radflow.orchestration.*}, e.g. {@code
 * RADFLOW_ORCHESTRATION_WORKERS}).
 *
 * @param enabled whether this node runs steps at all
 * @param node this node's name in step leases; defaults to host name and process id
 * @param workers steps this node runs at once
 * @param services base URL per service slug ({@code radflow.orchestration.services.identity=…});
 *     when none is given, simulators run in-process so {@code serve} works on its own
 * @param leaseGrace added to the longest call timeout to make a step's lease
 * @param imagesCommittedWithin timer: images committed after acquisition completes
 * @param reportTurnaround timer: final report after the images are committed
 * @param claimResponseWithin timer: claim answered after submission
 * @param maxAttempts attempts of a step before it fails to the exception lane
 * @param healthyProbes consecutive healthy probes that verify a service's recovery
 * @param probeInterval how often a down service is probed
 * @param releaseMode AUTOMATIC or MANUAL release of suspended steps after recovery, when set
 * @param releasePerSecond the release drain rate, when set
 */
public record OrchestrationProperties(
    Boolean enabled,
    String node,
    Integer workers,
    Map<String, URI> services,
    Duration leaseGrace,
    Duration imagesCommittedWithin,
    Duration reportTurnaround,
    Duration claimResponseWithin,
    Integer maxAttempts,
    Integer healthyProbes,
    Duration probeInterval,
    ServiceStatus.ReleaseMode releaseMode,
    Double releasePerSecond) {

  public OrchestrationProperties {
    enabled = enabled == null || enabled;
    workers = workers == null ? 16 : workers;
    services = services == null ? Map.of() : Map.copyOf(services);
    leaseGrace = leaseGrace == null ? Duration.ofSeconds(20) : leaseGrace;
    imagesCommittedWithin =
        imagesCommittedWithin == null ? Duration.ofMinutes(30) : imagesCommittedWithin;
    reportTurnaround = reportTurnaround == null ? Duration.ofHours(48) : reportTurnaround;
    claimResponseWithin = claimResponseWithin == null ? Duration.ofDays(30) : claimResponseWithin;
    maxAttempts = maxAttempts == null ? 8 : maxAttempts;
    healthyProbes = healthyProbes == null ? 3 : healthyProbes;
    probeInterval = probeInterval == null ? Duration.ofSeconds(2) : probeInterval;
  }
}
