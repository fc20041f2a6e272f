package org.radflow.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One thing a simulator made (a slot, a worklist entry, a document, a charge, a claim), with the
 * idempotency key of the call that made it, so a test can tell one creation from two.
 */
public record Resource(
    String id, String kind, String status, String createdByKey, Map<String, String> attributes) {

  public Resource {
    Objects.requireNonNull(id, "id must not be null");
    Objects.requireNonNull(kind, "kind must not be null");
    Objects.requireNonNull(status, "status must not be null");
    Objects.requireNonNull(createdByKey, "createdByKey must not be null");
    attributes = Map.copyOf(attributes);
  }

  public String attribute(String name) {
    return attributes.get(name);
  }

  Resource withStatus(String newStatus, Map<String, String> added) {
    Map<String, String> merged = new LinkedHashMap<>(attributes);
    merged.putAll(added);
    return new Resource(id, kind, newStatus, createdByKey, merged);
  }
}
