package org.radflow.lifecycle.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.radflow.study.Attestation;
import org.radflow.study.BusinessKey;
import org.radflow.study.Change;
import org.radflow.study.EntryKind;
import org.radflow.study.Fact;
import org.radflow.study.HeldTransition;
import org.radflow.study.ImagingState;
import org.radflow.study.NewStudy;
import org.radflow.study.OpenException;
import org.radflow.study.PatientRef;
import org.radflow.study.Reference;
import org.radflow.study.Source;
import org.radflow.study.Study;
import org.radflow.study.StudyId;
import org.radflow.study.Track;
import org.radflow.study.TrackState;
import org.radflow.study.Transition;
import org.radflow.study.TransitionType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The encoding as it was before it was streamed: main's tree-building {@code StudyJson} and {@code
 * EventPayload}, kept verbatim as the oracle the streaming encoding must match byte for byte and
 * the writer of "old rows" the new decoder must read.
 */
final class TreeJsonOracle {

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private TreeJsonOracle() {}

  static String write(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  static JsonNode read(String json) {
    return MAPPER.readTree(json);
  }

  // ---- changes -------------------------------------------------------------------------------

  static String change(Change change) {
    ObjectNode node = MAPPER.createObjectNode();
    if (change instanceof Change.Created c) {
      node.put("change", "CREATED");
      node.set("study", newStudy(c.study()));
    } else if (change instanceof Change.Applied a) {
      node.put("change", "APPLIED");
      node.set("transition", transition(a.transition()));
      node.put("at", a.at().toString());
      node.put("releasedFromHold", a.releasedFromHold());
    } else if (change instanceof Change.Observed o) {
      node.put("change", "OBSERVED");
      node.set("transition", transition(o.transition()));
      node.put("at", o.at().toString());
      node.put("releasedFromHold", o.releasedFromHold());
    } else if (change instanceof Change.Held h) {
      node.put("change", "HELD");
      node.set("held", held(h.held()));
    } else if (change instanceof Change.HoldRefused r) {
      node.put("change", "HOLD_REFUSED");
      node.set("transition", transition(r.transition()));
      node.put("reason", r.reason());
      node.put("at", r.at().toString());
    } else if (change instanceof Change.HoldExpired e) {
      node.put("change", "HOLD_EXPIRED");
      node.set("transition", transition(e.transition()));
      node.put("awaited", state(e.awaited()));
      node.put("at", e.at().toString());
    } else {
      throw new IllegalArgumentException("unknown change " + change);
    }
    return write(node);
  }

  static Change change(String json) {
    JsonNode node = read(json);
    return switch (node.get("change").asString()) {
      case "CREATED" -> new Change.Created(newStudy(node.get("study")));
      case "APPLIED" ->
          new Change.Applied(
              transition(node.get("transition")),
              instant(node.get("at")),
              node.get("releasedFromHold").asBoolean());
      case "OBSERVED" ->
          new Change.Observed(
              transition(node.get("transition")),
              instant(node.get("at")),
              node.get("releasedFromHold").asBoolean());
      case "HELD" -> new Change.Held(held(node.get("held")));
      case "HOLD_REFUSED" ->
          new Change.HoldRefused(
              transition(node.get("transition")),
              node.get("reason").asString(),
              instant(node.get("at")));
      case "HOLD_EXPIRED" ->
          new Change.HoldExpired(
              transition(node.get("transition")),
              state(node.get("awaited").asString()),
              instant(node.get("at")));
      default -> throw new IllegalStateException("unknown stored change " + node.get("change"));
    };
  }

  // ---- commands ------------------------------------------------------------------------------

  static ObjectNode transition(Transition t) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("type", t.type().name());
    node.put("idempotencyKey", t.idempotencyKey());
    node.put("businessTime", t.businessTime().toString());
    node.put("recordTime", t.recordTime().toString());
    node.set("source", source(t.source()));
    node.put("actor", t.actor());
    node.set("data", stringMap(t.data()));
    node.set("references", references(t.references()));
    if (!t.businessTimeStated()) {
      node.put("businessTimeStated", false);
    }
    return node;
  }

  static Transition transition(JsonNode node) {
    return new Transition(
        TransitionType.valueOf(node.get("type").asString()),
        node.get("idempotencyKey").asString(),
        instant(node.get("businessTime")),
        instant(node.get("recordTime")),
        source(node.get("source")),
        node.get("actor").asString(),
        stringMap(node.get("data")),
        references(node.get("references")),
        stated(node));
  }

  private static boolean stated(JsonNode node) {
    JsonNode stated = node.get("businessTimeStated");
    return stated == null || stated.asBoolean();
  }

  static ObjectNode newStudy(NewStudy s) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", s.id().toString());
    node.put("assigningAuthority", s.businessKey().assigningAuthority());
    node.put("accessionNumber", s.businessKey().accessionNumber());
    node.set("patient", patient(s.patient()));
    node.put("entryKind", s.entryKind().name());
    node.put("joinedAt", s.joinedAt().name());
    node.put("businessTime", s.businessTime().toString());
    node.put("recordTime", s.recordTime().toString());
    node.set("source", source(s.source()));
    node.put("actor", s.actor());
    node.set("attributes", stringMap(s.attributes()));
    node.set("references", references(s.references()));
    if (!s.businessTimeStated()) {
      node.put("businessTimeStated", false);
    }
    return node;
  }

  static NewStudy newStudy(JsonNode node) {
    return new NewStudy(
        StudyId.parse(node.get("id").asString()),
        new BusinessKey(
            node.get("assigningAuthority").asString(), node.get("accessionNumber").asString()),
        patient(node.get("patient")),
        EntryKind.valueOf(node.get("entryKind").asString()),
        ImagingState.valueOf(node.get("joinedAt").asString()),
        instant(node.get("businessTime")),
        instant(node.get("recordTime")),
        source(node.get("source")),
        node.get("actor").asString(),
        stringMap(node.get("attributes")),
        references(node.get("references")),
        stated(node));
  }

  // ---- the study row's detail column ---------------------------------------------------------

  /** The parts of a study that are not columns of their own. */
  static String detail(Study study) {
    ObjectNode node = MAPPER.createObjectNode();
    node.set("attributes", stringMap(study.attributes()));
    ArrayNode facts = node.putArray("facts");
    for (Fact f : study.facts()) {
      ObjectNode fact = facts.addObject();
      fact.put("state", state(f.state()));
      fact.put("attestation", f.attestation().name());
      fact.put("businessTime", f.businessTime().toString());
    }
    ArrayNode held = node.putArray("held");
    study.held().forEach(h -> held.add(held(h)));
    ArrayNode exceptions = node.putArray("exceptions");
    for (OpenException e : study.exceptions()) {
      ObjectNode ex = exceptions.addObject();
      ex.put("id", e.id());
      ex.put("kind", e.kind().name());
      if (e.step() != null) {
        ex.put("step", e.step());
      }
      ex.put("reason", e.reason());
      ex.put("openedAt", e.openedAt().toString());
    }
    ArrayNode merged = node.putArray("mergedFrom");
    study.mergedFrom().forEach(p -> merged.add(patient(p)));
    if (study.compensationRequested()) {
      node.put("compensationRequested", true); // absent when false: most studies never are
    }
    node.put("createdAt", study.createdAt().toString());
    node.put("updatedAt", study.updatedAt().toString());
    return write(node);
  }

  static StudyJson.Detail detail(String json) {
    JsonNode node = read(json);
    List<Fact> facts = new ArrayList<>();
    for (JsonNode f : node.get("facts")) {
      facts.add(
          new Fact(
              state(f.get("state").asString()),
              Attestation.valueOf(f.get("attestation").asString()),
              instant(f.get("businessTime"))));
    }
    List<HeldTransition> held = new ArrayList<>();
    node.get("held").forEach(h -> held.add(held(h)));
    List<OpenException> exceptions = new ArrayList<>();
    for (JsonNode e : node.get("exceptions")) {
      exceptions.add(
          new OpenException(
              e.get("id").asLong(),
              OpenException.Kind.valueOf(e.get("kind").asString()),
              e.get("reason").asString(),
              instant(e.get("openedAt")),
              e.has("step") ? e.get("step").asString() : null));
    }
    List<PatientRef> merged = new ArrayList<>();
    node.get("mergedFrom").forEach(p -> merged.add(patient(p)));
    return new StudyJson.Detail(
        stringMap(node.get("attributes")),
        facts,
        held,
        exceptions,
        merged,
        node.has("compensationRequested") && node.get("compensationRequested").asBoolean(),
        instant(node.get("createdAt")),
        instant(node.get("updatedAt")));
  }

  // ---- outbox payload ------------------------------------------------------------------------

  static String payload(Study after, long seq, Change change) {
    ObjectNode node = MAPPER.createObjectNode();
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
      node.set("source", source(t.source()));
      node.set("data", stringMap(t.data()));
      node.set("references", references(t.references()));
    }
    if (change instanceof Change.Created c) {
      node.put("entryKind", c.study().entryKind().name());
      node.put("businessTime", c.study().businessTime().toString());
      node.set("references", references(c.study().references()));
    }
    ObjectNode tracks = node.putObject("tracks");
    for (Track track : Track.values()) {
      tracks.put(track.name().toLowerCase(), after.state(track).name());
    }
    node.put("status", after.status().kind().name());
    return write(node);
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

  // ---- small values --------------------------------------------------------------------------

  private static ObjectNode held(HeldTransition h) {
    ObjectNode node = MAPPER.createObjectNode();
    node.set("transition", transition(h.transition()));
    node.put("awaiting", state(h.awaiting()));
    node.put("deadline", h.deadline().toString());
    return node;
  }

  private static HeldTransition held(JsonNode node) {
    return new HeldTransition(
        transition(node.get("transition")),
        state(node.get("awaiting").asString()),
        instant(node.get("deadline")));
  }

  static String state(TrackState state) {
    return state.track().name() + ":" + state.name();
  }

  static TrackState state(String text) {
    int colon = text.indexOf(':');
    return TrackState.parse(Track.valueOf(text.substring(0, colon)), text.substring(colon + 1));
  }

  static ObjectNode source(Source s) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("system", s.system());
    if (s.messageRef() != null) {
      node.put("messageRef", s.messageRef());
    }
    return node;
  }

  private static Source source(JsonNode node) {
    JsonNode ref = node.get("messageRef");
    return new Source(node.get("system").asString(), ref == null ? null : ref.asString());
  }

  private static ObjectNode patient(PatientRef p) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("assigningAuthority", p.assigningAuthority());
    node.put("id", p.id());
    return node;
  }

  private static PatientRef patient(JsonNode node) {
    return new PatientRef(node.get("assigningAuthority").asString(), node.get("id").asString());
  }

  static ObjectNode stringMap(Map<String, String> map) {
    ObjectNode node = MAPPER.createObjectNode();
    new java.util.TreeMap<>(map).forEach(node::put);
    return node;
  }

  private static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    if (node != null) {
      node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asString()));
    }
    return map;
  }

  static ArrayNode references(List<Reference> refs) {
    ArrayNode array = MAPPER.createArrayNode();
    for (Reference r : refs) {
      ObjectNode node = array.addObject();
      node.put("kind", r.kind());
      node.put("uri", r.uri());
      if (r.contentHash() != null) {
        node.put("contentHash", r.contentHash());
      }
    }
    return array;
  }

  private static List<Reference> references(JsonNode node) {
    List<Reference> refs = new ArrayList<>();
    if (node != null) {
      for (JsonNode r : node) {
        JsonNode hash = r.get("contentHash");
        refs.add(
            new Reference(
                r.get("kind").asString(),
                r.get("uri").asString(),
                hash == null ? null : hash.asString()));
      }
    }
    return refs;
  }

  private static Instant instant(JsonNode node) {
    return Instant.parse(node.asString());
  }
}
