package org.radflow.lifecycle.jdbc;

import java.util.Arrays;
import org.radflow.study.Change;
import org.radflow.study.Study;
import org.radflow.study.Track;
import org.radflow.study.Transition;
import tools.jackson.core.JsonGenerator;

/**
 * The body of the event one history entry is published as, written into its outbox row in the
 * change's own transaction and rebuilt from the history when events are replayed. Streamed like the
 * stored forms ({@link StudyJson}), and with the same field order as ever: consumers parse the
 * event's {@code data}, and a replayed event should read as the original did.
 */
public final class EventPayload {

  /** The tracks' names as the payload spells them, lower-cased once rather than per event. */
  private static final String[] TRACK_NAMES =
      Arrays.stream(Track.values()).map(t -> t.name().toLowerCase()).toArray(String[]::new);

  private EventPayload() {}

  /**
   * The event body for one change: identifiers, states and references. Patient demographics never
   * enter radflow, so they cannot leave through here.
   */
  public static String of(Study after, long seq, Change change) {
    return StudyJson.write(json -> write(json, after, seq, change));
  }

  private static void write(JsonGenerator json, Study after, long seq, Change change) {
    json.writeStartObject();
    json.writeStringProperty("studyId", after.id().toString());
    json.writeNumberProperty("studySeq", seq);
    json.writeStringProperty("assigningAuthority", after.businessKey().assigningAuthority());
    json.writeStringProperty("accessionNumber", after.businessKey().accessionNumber());
    json.writeStringProperty("change", change.eventType());
    json.writeStringProperty("recordTime", IsoInstant.format(change.at()));
    Transition t = transitionOf(change);
    if (t != null) {
      json.writeStringProperty("transition", t.type().name());
      json.writeStringProperty("idempotencyKey", t.idempotencyKey());
      json.writeStringProperty("businessTime", IsoInstant.format(t.businessTime()));
      json.writeName("source");
      StudyJson.writeSource(json, t.source());
      json.writeName("data");
      StudyJson.writeStringMap(json, t.data());
      json.writeName("references");
      StudyJson.writeReferences(json, t.references());
    }
    if (change instanceof Change.Created c) {
      json.writeStringProperty("entryKind", c.study().entryKind().name());
      json.writeStringProperty("businessTime", IsoInstant.format(c.study().businessTime()));
      json.writeName("references");
      StudyJson.writeReferences(json, c.study().references());
    }
    json.writeObjectPropertyStart("tracks");
    for (Track track : Track.values()) {
      json.writeStringProperty(TRACK_NAMES[track.ordinal()], after.state(track).name());
    }
    json.writeEndObject();
    json.writeStringProperty("status", after.status().kind().name());
    json.writeEndObject();
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
