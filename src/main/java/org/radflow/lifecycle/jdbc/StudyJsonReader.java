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
import org.radflow.study.StudyId;
import org.radflow.study.TrackState;
import org.radflow.study.Transition;
import org.radflow.study.TransitionType;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * Reads what {@link StudyJson} wrote, token by token: the detail is decoded on every cache miss,
 * and a tree for it cost more than the study it becomes.
 *
 * <p>Fields are matched by name in any order, since PostgreSQL rewrites a column it edits as {@code
 * jsonb} in its own order (V14 did). Unknown fields are skipped, so an older radflow reads a newer
 * row. An absent optional field means what the writer leaves out: no message reference, no content
 * hash, no step, a stated business time, no compensation requested.
 */
final class StudyJsonReader {

  private StudyJsonReader() {}

  /** One value read from the parser positioned on its first token. */
  @FunctionalInterface
  private interface Reading<T> {
    T from(JsonParser json);
  }

  // ---- the study row's detail column ---------------------------------------------------------

  static StudyJson.Detail detail(String text) {
    try (JsonParser json = StudyJson.JSON.createParser(ObjectReadContext.empty(), text)) {
      json.nextToken();
      expect(json, JsonToken.START_OBJECT);
      Map<String, String> attributes = Map.of();
      List<Fact> facts = List.of();
      List<HeldTransition> held = List.of();
      List<OpenException> exceptions = List.of();
      List<PatientRef> mergedFrom = List.of();
      boolean compensationRequested = false;
      Instant createdAt = null;
      Instant updatedAt = null;
      for (String name = json.nextName(); name != null; name = json.nextName()) {
        json.nextToken();
        switch (name) {
          case "attributes" -> attributes = stringMap(json);
          case "facts" -> facts = list(json, StudyJsonReader::fact);
          case "held" -> held = list(json, StudyJsonReader::held);
          case "exceptions" -> exceptions = list(json, StudyJsonReader::exception);
          case "mergedFrom" -> mergedFrom = list(json, StudyJsonReader::patient);
          case "compensationRequested" -> compensationRequested = json.getValueAsBoolean();
          case "createdAt" -> createdAt = instant(json);
          case "updatedAt" -> updatedAt = instant(json);
          default -> json.skipChildren();
        }
      }
      return new StudyJson.Detail(
          attributes,
          facts,
          held,
          exceptions,
          mergedFrom,
          compensationRequested,
          createdAt,
          updatedAt);
    }
  }

  private static Fact fact(JsonParser json) {
    expect(json, JsonToken.START_OBJECT);
    TrackState state = null;
    Attestation attestation = null;
    Instant businessTime = null;
    for (String name = json.nextName(); name != null; name = json.nextName()) {
      json.nextToken();
      switch (name) {
        case "state" -> state = StudyJson.state(json.getValueAsString());
        case "attestation" -> attestation = Attestation.valueOf(json.getValueAsString());
        case "businessTime" -> businessTime = instant(json);
        default -> json.skipChildren();
      }
    }
    return new Fact(state, attestation, businessTime);
  }

  private static OpenException exception(JsonParser json) {
    expect(json, JsonToken.START_OBJECT);
    long id = 0;
    OpenException.Kind kind = null;
    String reason = null;
    Instant openedAt = null;
    String step = null;
    for (String name = json.nextName(); name != null; name = json.nextName()) {
      json.nextToken();
      switch (name) {
        case "id" -> id = json.getValueAsLong();
        case "kind" -> kind = OpenException.Kind.valueOf(json.getValueAsString());
        case "reason" -> reason = json.getValueAsString();
        case "openedAt" -> openedAt = instant(json);
        case "step" -> step = json.getValueAsString();
        default -> json.skipChildren();
      }
    }
    return new OpenException(id, kind, reason, openedAt, step);
  }

  // ---- changes -------------------------------------------------------------------------------

  static Change change(String text) {
    try (JsonParser json = StudyJson.JSON.createParser(ObjectReadContext.empty(), text)) {
      json.nextToken();
      expect(json, JsonToken.START_OBJECT);
      String change = null;
      NewStudy study = null;
      Transition transition = null;
      HeldTransition held = null;
      Instant at = null;
      boolean releasedFromHold = false;
      String reason = null;
      TrackState awaited = null;
      for (String name = json.nextName(); name != null; name = json.nextName()) {
        json.nextToken();
        switch (name) {
          case "change" -> change = json.getValueAsString();
          case "study" -> study = newStudy(json);
          case "transition" -> transition = transition(json);
          case "held" -> held = held(json);
          case "at" -> at = instant(json);
          case "releasedFromHold" -> releasedFromHold = json.getValueAsBoolean();
          case "reason" -> reason = json.getValueAsString();
          case "awaited" -> awaited = StudyJson.state(json.getValueAsString());
          default -> json.skipChildren();
        }
      }
      if (change == null) {
        throw new IllegalStateException("stored change without its kind");
      }
      return switch (change) {
        case "CREATED" -> new Change.Created(study);
        case "APPLIED" -> new Change.Applied(transition, at, releasedFromHold);
        case "OBSERVED" -> new Change.Observed(transition, at, releasedFromHold);
        case "HELD" -> new Change.Held(held);
        case "HOLD_REFUSED" -> new Change.HoldRefused(transition, reason, at);
        case "HOLD_EXPIRED" -> new Change.HoldExpired(transition, awaited, at);
        default -> throw new IllegalStateException("unknown stored change " + change);
      };
    }
  }

  // ---- commands ------------------------------------------------------------------------------

  private static Transition transition(JsonParser json) {
    expect(json, JsonToken.START_OBJECT);
    TransitionType type = null;
    String idempotencyKey = null;
    Instant businessTime = null;
    Instant recordTime = null;
    Source source = null;
    String actor = null;
    Map<String, String> data = Map.of();
    List<Reference> references = List.of();
    boolean businessTimeStated = true;
    for (String name = json.nextName(); name != null; name = json.nextName()) {
      json.nextToken();
      switch (name) {
        case "type" -> type = TransitionType.valueOf(json.getValueAsString());
        case "idempotencyKey" -> idempotencyKey = json.getValueAsString();
        case "businessTime" -> businessTime = instant(json);
        case "recordTime" -> recordTime = instant(json);
        case "source" -> source = source(json);
        case "actor" -> actor = json.getValueAsString();
        case "data" -> data = stringMap(json);
        case "references" -> references = list(json, StudyJsonReader::reference);
        case "businessTimeStated" -> businessTimeStated = json.getValueAsBoolean();
        default -> json.skipChildren();
      }
    }
    return new Transition(
        type,
        idempotencyKey,
        businessTime,
        recordTime,
        source,
        actor,
        data,
        references,
        businessTimeStated);
  }

  private static NewStudy newStudy(JsonParser json) {
    expect(json, JsonToken.START_OBJECT);
    StudyId id = null;
    String assigningAuthority = null;
    String accessionNumber = null;
    PatientRef patient = null;
    EntryKind entryKind = null;
    ImagingState joinedAt = null;
    Instant businessTime = null;
    Instant recordTime = null;
    Source source = null;
    String actor = null;
    Map<String, String> attributes = Map.of();
    List<Reference> references = List.of();
    boolean businessTimeStated = true;
    for (String name = json.nextName(); name != null; name = json.nextName()) {
      json.nextToken();
      switch (name) {
        case "id" -> id = StudyId.parse(json.getValueAsString());
        case "assigningAuthority" -> assigningAuthority = json.getValueAsString();
        case "accessionNumber" -> accessionNumber = json.getValueAsString();
        case "patient" -> patient = patient(json);
        case "entryKind" -> entryKind = EntryKind.valueOf(json.getValueAsString());
        case "joinedAt" -> joinedAt = ImagingState.valueOf(json.getValueAsString());
        case "businessTime" -> businessTime = instant(json);
        case "recordTime" -> recordTime = instant(json);
        case "source" -> source = source(json);
        case "actor" -> actor = json.getValueAsString();
        case "attributes" -> attributes = stringMap(json);
        case "references" -> references = list(json, StudyJsonReader::reference);
        case "businessTimeStated" -> businessTimeStated = json.getValueAsBoolean();
        default -> json.skipChildren();
      }
    }
    return new NewStudy(
        id,
        new BusinessKey(assigningAuthority, accessionNumber),
        patient,
        entryKind,
        joinedAt,
        businessTime,
        recordTime,
        source,
        actor,
        attributes,
        references,
        businessTimeStated);
  }

  // ---- small values --------------------------------------------------------------------------

  private static HeldTransition held(JsonParser json) {
    expect(json, JsonToken.START_OBJECT);
    Transition transition = null;
    TrackState awaiting = null;
    Instant deadline = null;
    for (String name = json.nextName(); name != null; name = json.nextName()) {
      json.nextToken();
      switch (name) {
        case "transition" -> transition = transition(json);
        case "awaiting" -> awaiting = StudyJson.state(json.getValueAsString());
        case "deadline" -> deadline = instant(json);
        default -> json.skipChildren();
      }
    }
    return new HeldTransition(transition, awaiting, deadline);
  }

  private static Source source(JsonParser json) {
    expect(json, JsonToken.START_OBJECT);
    String system = null;
    String messageRef = null;
    for (String name = json.nextName(); name != null; name = json.nextName()) {
      json.nextToken();
      switch (name) {
        case "system" -> system = json.getValueAsString();
        case "messageRef" -> messageRef = json.getValueAsString();
        default -> json.skipChildren();
      }
    }
    return new Source(system, messageRef);
  }

  private static PatientRef patient(JsonParser json) {
    expect(json, JsonToken.START_OBJECT);
    String assigningAuthority = null;
    String id = null;
    for (String name = json.nextName(); name != null; name = json.nextName()) {
      json.nextToken();
      switch (name) {
        case "assigningAuthority" -> assigningAuthority = json.getValueAsString();
        case "id" -> id = json.getValueAsString();
        default -> json.skipChildren();
      }
    }
    return new PatientRef(assigningAuthority, id);
  }

  private static Reference reference(JsonParser json) {
    expect(json, JsonToken.START_OBJECT);
    String kind = null;
    String uri = null;
    String contentHash = null;
    for (String name = json.nextName(); name != null; name = json.nextName()) {
      json.nextToken();
      switch (name) {
        case "kind" -> kind = json.getValueAsString();
        case "uri" -> uri = json.getValueAsString();
        case "contentHash" -> contentHash = json.getValueAsString();
        default -> json.skipChildren();
      }
    }
    return new Reference(kind, uri, contentHash);
  }

  private static Map<String, String> stringMap(JsonParser json) {
    expect(json, JsonToken.START_OBJECT);
    Map<String, String> map = new LinkedHashMap<>();
    for (String name = json.nextName(); name != null; name = json.nextName()) {
      json.nextToken();
      map.put(name, json.getValueAsString());
    }
    return map;
  }

  private static <T> List<T> list(JsonParser json, Reading<T> item) {
    expect(json, JsonToken.START_ARRAY);
    List<T> items = new ArrayList<>();
    while (json.nextToken() != JsonToken.END_ARRAY) {
      items.add(item.from(json));
    }
    return items;
  }

  private static Instant instant(JsonParser json) {
    return IsoInstant.parse(json.getValueAsString());
  }

  private static void expect(JsonParser json, JsonToken token) {
    if (json.currentToken() != token) {
      throw new IllegalStateException(
          "stored JSON has " + json.currentToken() + " where " + token + " belongs");
    }
  }
}
