package org.radflow.simulator;

import java.util.List;
import java.util.Map;
import org.radflow.workflow.Service;

/**
 * A read-only snapshot of one simulator, for tests to assert on.
 *
 * @param callsPerKey every request received per idempotency key, faulted calls and replays included
 * @param mutatingCalls mutating requests that reached the state (replays included, faulted not)
 * @param replayedCalls mutating requests answered from memory because their key was seen before
 */
public record SimulatorState(
    Service service,
    List<Resource> resources,
    Map<String, Integer> callsPerKey,
    int mutatingCalls,
    int replayedCalls) {

  public SimulatorState {
    resources = List.copyOf(resources);
    callsPerKey = Map.copyOf(callsPerKey);
  }

  public List<Resource> resources(String kind) {
    return resources.stream().filter(r -> r.kind().equals(kind)).toList();
  }

  /** The resources of {@code kind} whose attribute {@code name} is {@code value}. */
  public List<Resource> resources(String kind, String name, String value) {
    return resources(kind).stream().filter(r -> value.equals(r.attribute(name))).toList();
  }

  public Resource resource(String id) {
    return resources.stream()
        .filter(r -> r.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no resource " + id));
  }

  public int calls(String idempotencyKey) {
    return callsPerKey.getOrDefault(idempotencyKey, 0);
  }
}
