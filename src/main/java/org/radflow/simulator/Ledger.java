package org.radflow.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.radflow.workflow.Service;

/**
 * A simulated system's whole state: what it made, and what it answered to each idempotency key.
 *
 * <p>One lock guards everything, and a mutating call runs its handler under it, so two requests
 * with the same key cannot both create: the second waits and gets the first one's answer. Only
 * successful answers are remembered: a refusal changed nothing, so asking again is harmless and may
 * succeed once the state allows it. The key is remembered per operation ({@code method path}), so
 * one key used for a reservation and for its release does not confuse the two.
 */
final class Ledger {

  private final Map<String, Resource> resources = new LinkedHashMap<>();
  private final Map<String, Answer> answers = new HashMap<>();
  private final Map<String, Integer> callsPerKey = new LinkedHashMap<>();
  private final Map<String, Integer> sequences = new HashMap<>();
  private int mutatingCalls;
  private int replayedCalls;

  synchronized void received(String idempotencyKey) {
    callsPerKey.merge(idempotencyKey, 1, Integer::sum);
  }

  /** The answer first given to this key for this operation, or a fresh one if there was none. */
  synchronized Answer once(String operation, String idempotencyKey, Supplier<Answer> fresh) {
    mutatingCalls++;
    String remembered = operation + " " + idempotencyKey;
    Answer first = answers.get(remembered);
    if (first != null) {
      replayedCalls++;
      return first;
    }
    Answer answer = fresh.get();
    if (answer.successful()) {
      answers.put(remembered, answer);
    }
    return answer;
  }

  synchronized Answer read(Supplier<Answer> query) {
    return query.get();
  }

  /** A new {@code kind} numbered in its kind's sequence, such as {@code slot-000001}. */
  synchronized Resource create(
      String kind, String status, String createdByKey, Map<String, String> attributes) {
    String id = String.format("%s-%06d", kind, next(kind));
    return create(kind, id, status, createdByKey, attributes);
  }

  /**
   * A new {@code kind} under an id the caller chose, for a system whose clients name what they send
   * (the national record keeps a document under the id in its package). The caller checks first
   * that the id is free: taking a held id is a programming error.
   */
  synchronized Resource create(
      String kind, String id, String status, String createdByKey, Map<String, String> attributes) {
    if (resources.containsKey(id)) {
      throw new IllegalStateException("the id " + id + " is taken");
    }
    Resource resource = new Resource(id, kind, status, createdByKey, attributes);
    resources.put(id, resource);
    return resource;
  }

  /** The next number, from 1, of the counter {@code sequence}. */
  synchronized int next(String sequence) {
    return sequences.merge(sequence, 1, Integer::sum);
  }

  /** The resource {@code id} if it exists and is of {@code kind}. */
  synchronized Optional<Resource> find(String kind, String id) {
    return Optional.ofNullable(resources.get(id)).filter(r -> r.kind().equals(kind));
  }

  synchronized Resource setStatus(Resource resource, String status) {
    return setStatus(resource, status, Map.of());
  }

  /** Moves {@code resource} to {@code status}, recording {@code added} attributes with it. */
  synchronized Resource setStatus(Resource resource, String status, Map<String, String> added) {
    Resource changed = resource.withStatus(status, added);
    resources.put(changed.id(), changed);
    return changed;
  }

  synchronized SimulatorState snapshot(Service service) {
    return new SimulatorState(
        service, new ArrayList<>(resources.values()), callsPerKey, mutatingCalls, replayedCalls);
  }
}
