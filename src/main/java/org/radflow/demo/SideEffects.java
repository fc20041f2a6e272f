package org.radflow.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.radflow.simulator.ControlClient;
import org.radflow.workflow.Service;
import tools.jackson.databind.JsonNode;

/**
 * What the six systems hold at the end of the day, read from the simulators' control API, and the
 * side effects made twice: for one of the day's studies, a second slot, worklist entry or charge, a
 * second original document or a second document of one report version, or a second claim for one
 * charge.
 */
record SideEffects(
    Map<String, Map<String, Long>> byService, List<String> duplicates, long replayed) {

  static SideEffects read(ControlClient simulators, Set<String> accessions) {
    Map<String, Map<String, Long>> byService = new TreeMap<>();
    List<String> duplicates = new ArrayList<>();
    long replayed = 0;
    Map<String, String> chargeAccession = new HashMap<>();
    Map<String, Integer> perKey = new HashMap<>();
    List<JsonNode> claims = new ArrayList<>();
    for (Service service : Service.values()) {
      JsonNode state = simulators.state(service);
      replayed += state.path("replayedCalls").asLong();
      Map<String, Long> counts = new TreeMap<>();
      for (JsonNode resource : state.path("resources")) {
        String kind = resource.path("kind").asString();
        JsonNode attributes = resource.path("attributes");
        String accession = attributes.path("accession").asString("");
        if (kind.equals("claim")) {
          claims.add(resource); // a claim names its charge, not the accession
          continue;
        }
        if (!accession.isEmpty() && !accessions.contains(accession)) {
          continue; // another day's
        }
        counts.merge(kind + " " + resource.path("status").asString().toLowerCase(), 1L, Long::sum);
        if (accession.isEmpty()) {
          continue;
        }
        if (kind.equals("charge")) {
          chargeAccession.put(resource.path("id").asString(), accession);
        }
        String key =
            switch (kind) {
              case "document" ->
                  attributes.path("supersedes").isMissingNode()
                      ? accession + " original document"
                      : accession + " document version " + attributes.path("version").asString();
              default -> accession + " " + kind;
            };
        perKey.merge(key, 1, Integer::sum);
      }
      if (!counts.isEmpty()) {
        byService.put(service.slug(), counts);
      }
    }
    for (JsonNode claim : claims) {
      String accession = chargeAccession.get(claim.path("attributes").path("chargeId").asString());
      if (accession != null) {
        perKey.merge(accession + " claim", 1, Integer::sum);
        byService
            .computeIfAbsent(Service.BILLING.slug(), s -> new TreeMap<>())
            .merge("claim " + claim.path("status").asString().toLowerCase(), 1L, Long::sum);
      }
    }
    perKey.forEach(
        (key, count) -> {
          if (count > 1) {
            duplicates.add(key + " ×" + count);
          }
        });
    duplicates.sort(null);
    return new SideEffects(byService, duplicates, replayed);
  }
}
