package org.radflow.lifecycle.jdbc;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.radflow.study.Change;
import org.radflow.study.Fact;
import org.radflow.study.HeldTransition;
import org.radflow.study.NewStudy;
import org.radflow.study.OpenException;
import org.radflow.study.PatientRef;
import org.radflow.study.Reference;
import org.radflow.study.Source;
import org.radflow.study.Study;
import org.radflow.study.Track;
import org.radflow.study.TrackState;
import org.radflow.study.Transition;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.io.SegmentedStringWriter;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.BufferRecycler;

/**
 * How the store writes model values as JSON: history bodies and the study detail column (event
 * payloads: {@link EventPayload}; reading back: {@link StudyJsonReader}). Written by hand so the
 * stored form is explicit and stable, independent of how the records happen to be declared.
 *
 * <p>Every value is streamed straight into a {@link JsonGenerator}: a command writes a detail, a
 * history body and an event payload, and building a Jackson tree for each first cost much of its
 * CPU. The field order is the stored form's (rows written by the tree-building encoder before are
 * byte-identical), so it must not be changed casually: optional fields are written only when they
 * differ from what a reader assumes when they are absent.
 */
final class StudyJson {

  /** The factory's defaults are the escaping every stored row was written with. */
  static final JsonFactory JSON = new JsonFactory();

  private StudyJson() {}

  /** A value written straight into a generator, with no tree in between. */
  @FunctionalInterface
  interface Writable {
    void writeTo(JsonGenerator json);
  }

  /**
   * As {@code ObjectMapper.writeValueAsString} does it: the text goes into pooled buffers the
   * generator shares and becomes a {@code String} once ({@code StringWriter} copies it twice).
   */
  static String write(Writable value) {
    BufferRecycler buffers = JSON._getBufferRecycler();
    try (SegmentedStringWriter out = new SegmentedStringWriter(buffers)) {
      try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
        value.writeTo(json);
      }
      return out.getAndClear();
    } finally {
      buffers.releaseToPool();
    }
  }

  // ---- changes -------------------------------------------------------------------------------

  static String change(Change change) {
    return write(json -> writeChange(json, change));
  }

  static Change change(String json) {
    return StudyJsonReader.change(json);
  }

  private static void writeChange(JsonGenerator json, Change change) {
    json.writeStartObject();
    if (change instanceof Change.Created c) {
      json.writeStringProperty("change", "CREATED");
      json.writeName("study");
      writeNewStudy(json, c.study());
    } else if (change instanceof Change.Applied a) {
      json.writeStringProperty("change", "APPLIED");
      writeTransitionProperty(json, a.transition());
      json.writeStringProperty("at", IsoInstant.format(a.at()));
      json.writeBooleanProperty("releasedFromHold", a.releasedFromHold());
    } else if (change instanceof Change.Observed o) {
      json.writeStringProperty("change", "OBSERVED");
      writeTransitionProperty(json, o.transition());
      json.writeStringProperty("at", IsoInstant.format(o.at()));
      json.writeBooleanProperty("releasedFromHold", o.releasedFromHold());
    } else if (change instanceof Change.Held h) {
      json.writeStringProperty("change", "HELD");
      json.writeName("held");
      writeHeld(json, h.held());
    } else if (change instanceof Change.HoldRefused r) {
      json.writeStringProperty("change", "HOLD_REFUSED");
      writeTransitionProperty(json, r.transition());
      json.writeStringProperty("reason", r.reason());
      json.writeStringProperty("at", IsoInstant.format(r.at()));
    } else if (change instanceof Change.HoldExpired e) {
      json.writeStringProperty("change", "HOLD_EXPIRED");
      writeTransitionProperty(json, e.transition());
      json.writeStringProperty("awaited", state(e.awaited()));
      json.writeStringProperty("at", IsoInstant.format(e.at()));
    } else {
      throw new IllegalArgumentException("unknown change " + change);
    }
    json.writeEndObject();
  }

  private static void writeTransitionProperty(JsonGenerator json, Transition t) {
    json.writeName("transition");
    writeTransition(json, t);
  }

  // ---- commands ------------------------------------------------------------------------------

  /** A transition as a conflict record keeps it: {@code write(transition(t))}. */
  static Writable transition(Transition t) {
    return json -> writeTransition(json, t);
  }

  static void writeTransition(JsonGenerator json, Transition t) {
    json.writeStartObject();
    json.writeStringProperty("type", t.type().name());
    json.writeStringProperty("idempotencyKey", t.idempotencyKey());
    json.writeStringProperty("businessTime", IsoInstant.format(t.businessTime()));
    json.writeStringProperty("recordTime", IsoInstant.format(t.recordTime()));
    json.writeName("source");
    writeSource(json, t.source());
    json.writeStringProperty("actor", t.actor());
    json.writeName("data");
    writeStringMap(json, t.data());
    json.writeName("references");
    writeReferences(json, t.references());
    if (!t.businessTimeStated()) {
      json.writeBooleanProperty("businessTimeStated", false);
    }
    json.writeEndObject();
  }

  /** A creation as a conflict record keeps it: {@code write(newStudy(s))}. */
  static Writable newStudy(NewStudy s) {
    return json -> writeNewStudy(json, s);
  }

  private static void writeNewStudy(JsonGenerator json, NewStudy s) {
    json.writeStartObject();
    json.writeStringProperty("id", s.id().toString());
    json.writeStringProperty("assigningAuthority", s.businessKey().assigningAuthority());
    json.writeStringProperty("accessionNumber", s.businessKey().accessionNumber());
    json.writeName("patient");
    writePatient(json, s.patient());
    json.writeStringProperty("entryKind", s.entryKind().name());
    json.writeStringProperty("joinedAt", s.joinedAt().name());
    json.writeStringProperty("businessTime", IsoInstant.format(s.businessTime()));
    json.writeStringProperty("recordTime", IsoInstant.format(s.recordTime()));
    json.writeName("source");
    writeSource(json, s.source());
    json.writeStringProperty("actor", s.actor());
    json.writeName("attributes");
    writeStringMap(json, s.attributes());
    json.writeName("references");
    writeReferences(json, s.references());
    if (!s.businessTimeStated()) {
      json.writeBooleanProperty("businessTimeStated", false);
    }
    json.writeEndObject();
  }

  // ---- the study row's detail column ---------------------------------------------------------

  /** The parts of a study that are not columns of their own. */
  static String detail(Study study) {
    return write(json -> writeDetail(json, study));
  }

  private static void writeDetail(JsonGenerator json, Study study) {
    json.writeStartObject();
    json.writeName("attributes");
    writeStringMap(json, study.attributes());
    json.writeArrayPropertyStart("facts");
    for (Fact f : study.facts()) {
      json.writeStartObject();
      json.writeStringProperty("state", state(f.state()));
      json.writeStringProperty("attestation", f.attestation().name());
      json.writeStringProperty("businessTime", IsoInstant.format(f.businessTime()));
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayPropertyStart("held");
    for (HeldTransition h : study.held()) {
      writeHeld(json, h);
    }
    json.writeEndArray();
    json.writeArrayPropertyStart("exceptions");
    for (OpenException e : study.exceptions()) {
      json.writeStartObject();
      json.writeNumberProperty("id", e.id());
      json.writeStringProperty("kind", e.kind().name());
      if (e.step() != null) {
        json.writeStringProperty("step", e.step());
      }
      json.writeStringProperty("reason", e.reason());
      json.writeStringProperty("openedAt", IsoInstant.format(e.openedAt()));
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayPropertyStart("mergedFrom");
    for (PatientRef p : study.mergedFrom()) {
      writePatient(json, p);
    }
    json.writeEndArray();
    if (study.compensationRequested()) {
      json.writeBooleanProperty("compensationRequested", true); // absent when false: most never are
    }
    json.writeStringProperty("createdAt", IsoInstant.format(study.createdAt()));
    json.writeStringProperty("updatedAt", IsoInstant.format(study.updatedAt()));
    json.writeEndObject();
  }

  /** What {@link #detail(Study)} wrote, read back; the row's columns hold the rest. */
  record Detail(
      Map<String, String> attributes,
      List<Fact> facts,
      List<HeldTransition> held,
      List<OpenException> exceptions,
      List<PatientRef> mergedFrom,
      boolean compensationRequested,
      Instant createdAt,
      Instant updatedAt) {}

  static Detail detail(String json) {
    return StudyJsonReader.detail(json);
  }

  // ---- small values --------------------------------------------------------------------------

  private static void writeHeld(JsonGenerator json, HeldTransition h) {
    json.writeStartObject();
    writeTransitionProperty(json, h.transition());
    json.writeStringProperty("awaiting", state(h.awaiting()));
    json.writeStringProperty("deadline", IsoInstant.format(h.deadline()));
    json.writeEndObject();
  }

  static String state(TrackState state) {
    return state.track().name() + ":" + state.name();
  }

  static TrackState state(String text) {
    int colon = text.indexOf(':');
    return TrackState.parse(Track.valueOf(text.substring(0, colon)), text.substring(colon + 1));
  }

  static void writeSource(JsonGenerator json, Source s) {
    json.writeStartObject();
    json.writeStringProperty("system", s.system());
    if (s.messageRef() != null) {
      json.writeStringProperty("messageRef", s.messageRef());
    }
    json.writeEndObject();
  }

  private static void writePatient(JsonGenerator json, PatientRef p) {
    json.writeStartObject();
    json.writeStringProperty("assigningAuthority", p.assigningAuthority());
    json.writeStringProperty("id", p.id());
    json.writeEndObject();
  }

  /** Keys in their natural order, so equal maps are written alike whatever map holds them. */
  static void writeStringMap(JsonGenerator json, Map<String, String> map) {
    json.writeStartObject();
    String[] keys = map.keySet().toArray(new String[0]);
    Arrays.sort(keys);
    for (String key : keys) {
      json.writeStringProperty(key, map.get(key));
    }
    json.writeEndObject();
  }

  static void writeReferences(JsonGenerator json, List<Reference> refs) {
    json.writeStartArray();
    for (Reference r : refs) {
      json.writeStartObject();
      json.writeStringProperty("kind", r.kind());
      json.writeStringProperty("uri", r.uri());
      if (r.contentHash() != null) {
        json.writeStringProperty("contentHash", r.contentHash());
      }
      json.writeEndObject();
    }
    json.writeEndArray();
  }
}
