package org.radflow.lifecycle.jdbc;

import org.radflow.study.Change;
import org.radflow.study.Study;
import org.radflow.study.Track;
import org.radflow.study.Transition;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of the event one history entry is published as, written into its outbox row in the
 * change's own transaction and rebuilt from the history when events are replayed.
 */
public final class EventPayload {

  private EventPayload() {}

  /**
   * The event body for one change: identifiers, states and references. Patient demographics never
   * enter radflow, so they cannot leave through here.
   */
  public static String of(Study after, long seq, Change change) {
    ObjectNode node = StudyJson.MAPPER.createObjectNode();
    node.put("studyId", after.id().toString());
    node.put("studySeq", seq);
    node.put("assigningAuthority", after.businessKey().assigningAuthority());
    node.put("accessionNumber", after.businessKey().accessionNumber());
    node.put("change", change.eventType());
    node.put("recordTime", change.at().toString());
    Transition t = transitionOf(change);
    if (t != null) {
      node.put("transition", t.type().name());
      node.put("idempotencyKey", t.idempotencyKey());
      node.put("businessTime", t.businessTime().toString());
      node.set("source", StudyJson.source(t.source()));
      node.set("data", StudyJson.stringMap(t.data()));
      node.set("references", StudyJson.references(t.references()));
    }
    if (change instanceof Change.Created c) {
      node.put("entryKind", c.study().entryKind().name());
      node.put("businessTime", c.study().businessTime().toString());
      node.set("references", StudyJson.references(c.study().references()));
    }
    ObjectNode tracks = node.putObject("tracks");
    for (Track track : Track.values()) {
      tracks.put(track.name().toLowerCase(), after.state(track).name());
    }
    node.put("status", after.status().kind().name());
    return StudyJson.write(node);
  }

  private static Transition transitionOf(Change change) {
    if (change instanceof Change.Applied a) {
      return a.transition();
    }
    if (change instanceof Change.Observed o) {
      return o.transition();
    }
    if (change instanceof Change.Held h) {
      return h.held().transition();
    }
    if (change instanceof Change.HoldRefused r) {
      return r.transition();
    }
    if (change instanceof Change.HoldExpired e) {
      return e.transition();
    }
    return null;
  }
}
