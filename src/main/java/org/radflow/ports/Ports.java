package org.radflow.ports;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.radflow.workflow.Service;

/** Every port the engine calls, and a health probe per external system. */
public record Ports(
    IdentityPort identity,
    SchedulingPort scheduling,
    WorklistPort worklist,
    ArchivePort archive,
    NationalRecordPort nationalRecord,
    BillingPort billing,
    Map<Service, HealthProbe> probes) {

  public Ports {
    Objects.requireNonNull(identity, "identity must not be null");
    Objects.requireNonNull(scheduling, "scheduling must not be null");
    Objects.requireNonNull(worklist, "worklist must not be null");
    Objects.requireNonNull(archive, "archive must not be null");
    Objects.requireNonNull(nationalRecord, "nationalRecord must not be null");
    Objects.requireNonNull(billing, "billing must not be null");
    Objects.requireNonNull(probes, "probes must not be null");
    for (Service service : Service.values()) {
      if (!probes.containsKey(service)) {
        throw new IllegalArgumentException("probes lacks a probe for " + service.slug());
      }
    }
    probes = Collections.unmodifiableMap(new EnumMap<>(probes));
  }

  public HealthProbe probe(Service service) {
    return probes.get(service);
  }
}
