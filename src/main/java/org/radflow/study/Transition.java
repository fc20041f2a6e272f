package org.radflow.study;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A command to move a study: what happened, under which idempotency key, when it happened (business
 * time) and when radflow learned it (record time), from where, by whom, with small data and
 * references.
 *
 * <p>The idempotency key names the business transition, not the transport attempt: the same report
 * finalised twice under one key is one transition. {@link #fingerprint()} is what "the same
 * content" means for that key.
 *
 * @param businessTimeStated false when the sender did not say when it happened and radflow took the
 *     record time instead; such a business time is not content, so a re-send without it is still
 *     the same transition
 */
public record Transition(
    TransitionType type,
    String idempotencyKey,
    Instant businessTime,
    Instant recordTime,
    Source source,
    String actor,
    Map<String, String> data,
    List<Reference> references,
    boolean businessTimeStated) {

  /** A transition whose sender stated when it happened. */
  public Transition(
      TransitionType type,
      String idempotencyKey,
      Instant businessTime,
      Instant recordTime,
      Source source,
      String actor,
      Map<String, String> data,
      List<Reference> references) {
    this(type, idempotencyKey, businessTime, recordTime, source, actor, data, references, true);
  }

  public Transition {
    Require.present(type, "type");
    Require.text(idempotencyKey, "idempotencyKey", 200);
    Require.present(businessTime, "businessTime");
    Require.present(recordTime, "recordTime");
    Require.present(source, "source");
    Require.text(actor, "actor", 128);
    data = data == null ? Map.of() : Map.copyOf(new TreeMap<>(data));
    references = references == null ? List.of() : List.copyOf(references);
    type.checkData(data);
  }

  /**
   * A digest of the transition's business content: type, stated business time, data and references.
   * Source, actor and record time are left out because a re-sent message differs in exactly those;
   * a business time radflow supplied is left out because it is only arrival.
   */
  public String fingerprint() {
    return new Canonical()
        .field("TRANSITION")
        .field(type)
        .field(businessTimeStated ? businessTime : null)
        .map(data)
        .references(references)
        .sha256();
  }
}
