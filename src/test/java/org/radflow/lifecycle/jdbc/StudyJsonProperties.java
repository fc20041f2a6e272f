package org.radflow.lifecycle.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.radflow.study.AdministrativeState;
import org.radflow.study.Attestation;
import org.radflow.study.BusinessKey;
import org.radflow.study.Change;
import org.radflow.study.ClinicalState;
import org.radflow.study.DistributionState;
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
import org.radflow.study.TrackState;
import org.radflow.study.Transition;
import org.radflow.study.TransitionType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The streamed encoding against main's tree-building one ({@link TreeJsonOracle}): the same bytes
 * for every stored form and event payload, so rows and events written before read as ever, and
 * every value read back as itself, including from a row PostgreSQL rewrote in its own key order.
 */
class StudyJsonProperties {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  // ---- the properties ----

  @Property(tries = 300)
  void theDetailIsWrittenAsTheTreeEncoderWroteItAndReadsBackAsTheStudy(
      @ForAll("studies") Study study) {
    String streamed = StudyJson.detail(study);

    assertThat(streamed).isEqualTo(TreeJsonOracle.detail(study));
    assertThat(StudyJson.detail(streamed)).isEqualTo(detailOf(study));
    assertThat(TreeJsonOracle.detail(streamed)).isEqualTo(detailOf(study));
  }

  @Property(tries = 200)
  void aDetailPostgresRewroteInItsOwnKeyOrderReadsTheSame(@ForAll("studies") Study study) {
    String rewritten = asJsonbWouldPrintIt(TreeJsonOracle.detail(study));

    assertThat(StudyJson.detail(rewritten)).isEqualTo(detailOf(study));
  }

  @Property(tries = 300)
  void aHistoryBodyIsWrittenAsTheTreeEncoderWroteItAndReadsBackAsTheChange(
      @ForAll("changes") Change change) {
    String streamed = StudyJson.change(change);

    assertThat(streamed).isEqualTo(TreeJsonOracle.change(change));
    assertThat(StudyJson.change(streamed)).isEqualTo(change);
    assertThat(TreeJsonOracle.change(streamed)).isEqualTo(change);
    assertThat(StudyJson.change(asJsonbWouldPrintIt(streamed))).isEqualTo(change);
  }

  @Property(tries = 200)
  void anEventPayloadIsWrittenAsTheTreeEncoderWroteIt(
      @ForAll("studies") Study after, @ForAll("changes") Change change) {
    long seq = after.version();

    assertThat(EventPayload.of(after, seq, change))
        .isEqualTo(TreeJsonOracle.payload(after, seq, change));
  }

  @Property(tries = 100)
  void aConflictRecordIsWrittenAsTheTreeEncoderWroteIt(
      @ForAll("transitions") Transition transition, @ForAll("newStudies") NewStudy creation) {
    assertThat(StudyJson.write(StudyJson.transition(transition)))
        .isEqualTo(TreeJsonOracle.write(TreeJsonOracle.transition(transition)));
    assertThat(StudyJson.write(StudyJson.newStudy(creation)))
        .isEqualTo(TreeJsonOracle.write(TreeJsonOracle.newStudy(creation)));
  }

  private static StudyJson.Detail detailOf(Study s) {
    return new StudyJson.Detail(
        s.attributes(),
        s.facts(),
        s.held(),
        s.exceptions(),
        s.mergedFrom(),
        s.compensationRequested(),
        s.createdAt(),
        s.updatedAt());
  }

  /**
   * The JSON as {@code jsonb::text} returns it: keys shorter first, then by bytes, with spaces
   * after colons and commas; plus a field a later radflow might add, which a reader skips.
   */
  private static String asJsonbWouldPrintIt(String json) {
    ObjectNode reordered = (ObjectNode) jsonbOrder(MAPPER.readTree(json));
    reordered.putObject("addedLater").putArray("values").add(1).add("two");
    return MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(reordered);
  }

  private static JsonNode jsonbOrder(JsonNode node) {
    if (node.isArray()) {
      var array = MAPPER.createArrayNode();
      node.forEach(item -> array.add(jsonbOrder(item)));
      return array;
    }
    if (!node.isObject()) {
      return node;
    }
    ObjectNode ordered = MAPPER.createObjectNode();
    node.propertyNames().stream()
        .sorted(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()))
        .forEach(name -> ordered.set(name, jsonbOrder(node.get(name))));
    return ordered;
  }

  // ---- what is generated ----

  /** Text with quotes, backslashes, control characters, any BMP letter and an emoji. */
  private static Arbitrary<String> text(int maxLength) {
    Arbitrary<String> bmp =
        Arbitraries.strings()
            .withCharRange('\u0000', '\uD7FF')
            .withChars('"', '\\', '/', '\n', '\t')
            .ofMinLength(1)
            .ofMaxLength(maxLength - 2);
    return Arbitraries.oneOf(bmp, bmp.map(s -> s + "\uD83D\uDE00")).filter(s -> !s.isBlank());
  }

  /** Instants written with whole seconds, milliseconds and nanoseconds, as Instant prints them. */
  private static Arbitrary<Instant> instants() {
    return Combinators.combine(
            Arbitraries.longs().between(0, 4_102_444_800L),
            Arbitraries.of(0, 1_000_000, 120_000_000, 123_456_789, 1))
        .as(Instant::ofEpochSecond);
  }

  private static Arbitrary<Source> sources() {
    return Combinators.combine(text(20), text(40).injectNull(0.4)).as(Source::new);
  }

  private static Arbitrary<List<Reference>> references() {
    return Combinators.combine(text(10), text(60), text(64).injectNull(0.5))
        .as(Reference::new)
        .list()
        .ofMaxSize(3);
  }

  private static Arbitrary<Map<String, String>> stringMaps() {
    return Arbitraries.maps(text(12), text(30)).ofMaxSize(4);
  }

  /** Every key some transition type requires, so any type accepts the data. */
  private static final List<String> REQUIRED_DATA =
      List.of(
          "reason",
          "survivingAuthority",
          "survivingId",
          "step",
          "kind",
          "ihi",
          "numberStatus",
          "recordStatus",
          "code",
          "exception",
          "note");

  private record Listed(List<Reference> references, boolean businessTimeStated) {}

  @Provide
  Arbitrary<Transition> transitions() {
    Arbitrary<Map<String, String>> data =
        Combinators.combine(stringMaps(), text(20))
            .as(
                (extra, value) -> {
                  Map<String, String> all = new HashMap<>(extra);
                  REQUIRED_DATA.forEach(key -> all.put(key, value));
                  return all;
                });
    return Combinators.combine(
            Arbitraries.of(TransitionType.class),
            text(40),
            instants(),
            instants(),
            sources(),
            text(30),
            data,
            Combinators.combine(references(), Arbitraries.of(true, true, false)).as(Listed::new))
        .as(
            (type, key, business, record, source, actor, d, listed) ->
                new Transition(
                    type,
                    key,
                    business,
                    record,
                    source,
                    actor,
                    d,
                    listed.references(),
                    listed.businessTimeStated()));
  }

  private static Arbitrary<PatientRef> patients() {
    return Combinators.combine(text(20), text(20)).as(PatientRef::new);
  }

  private static Arbitrary<TrackState> trackStates() {
    List<TrackState> all =
        Stream.of(
                ClinicalState.values(),
                ImagingState.values(),
                AdministrativeState.values(),
                DistributionState.values())
            .flatMap(Stream::of)
            .map(TrackState.class::cast)
            .toList();
    return Arbitraries.of(all);
  }

  private static Arbitrary<HeldTransition> helds(Arbitrary<Transition> transitions) {
    return Combinators.combine(transitions, trackStates(), instants()).as(HeldTransition::new);
  }

  private record Provenance(
      Instant recordTime,
      Source source,
      String actor,
      Map<String, String> attributes,
      List<Reference> references,
      boolean businessTimeStated) {}

  @Provide
  Arbitrary<NewStudy> newStudies() {
    Arbitrary<Provenance> provenance =
        Combinators.combine(
                instants(),
                sources(),
                text(30),
                stringMaps(),
                references(),
                Arbitraries.of(true, false))
            .as(Provenance::new);
    return Combinators.combine(
            Arbitraries.create(UUID::randomUUID).map(StudyId::new),
            Combinators.combine(text(20), text(20)).as(BusinessKey::new),
            patients(),
            Arbitraries.of(EntryKind.class),
            Arbitraries.of(ImagingState.class),
            instants(),
            provenance)
        .as(
            (id, key, patient, kind, joinedAt, business, p) ->
                new NewStudy(
                    id,
                    key,
                    patient,
                    kind,
                    joinedAt,
                    business,
                    p.recordTime(),
                    p.source(),
                    p.actor(),
                    p.attributes(),
                    p.references(),
                    p.businessTimeStated()));
  }

  @Provide
  Arbitrary<Change> changes() {
    Arbitrary<Transition> t = transitions();
    Arbitrary<Boolean> released = Arbitraries.of(true, false);
    return Arbitraries.oneOf(
        newStudies().map(Change.Created::new),
        Combinators.combine(t, instants(), released).as(Change.Applied::new),
        Combinators.combine(t, instants(), released).as(Change.Observed::new),
        helds(t).map(Change.Held::new),
        Combinators.combine(t, text(80), instants()).as(Change.HoldRefused::new),
        Combinators.combine(t, trackStates(), instants()).as(Change.HoldExpired::new));
  }

  private record Tracks(
      ClinicalState clinical,
      ImagingState imaging,
      AdministrativeState administrative,
      DistributionState distribution) {}

  private record Detailed(
      Map<String, String> attributes,
      List<Fact> facts,
      List<HeldTransition> held,
      List<OpenException> exceptions,
      List<PatientRef> mergedFrom,
      boolean compensationRequested,
      Instant createdAt,
      Instant updatedAt) {}

  @Provide
  Arbitrary<Study> studies() {
    Arbitrary<List<Fact>> facts =
        Combinators.combine(trackStates(), Arbitraries.of(Attestation.class), instants())
            .as(Fact::new)
            .list()
            .ofMaxSize(8);
    Arbitrary<List<OpenException>> exceptions =
        Combinators.combine(
                Arbitraries.longs().between(1, Long.MAX_VALUE),
                Arbitraries.of(OpenException.Kind.class),
                text(80),
                instants(),
                text(20).injectNull(0.5))
            .as(OpenException::new)
            .list()
            .ofMaxSize(3);
    Arbitrary<Detailed> detailed =
        Combinators.combine(
                stringMaps(),
                facts,
                helds(transitions()).list().ofMaxSize(2),
                exceptions,
                patients().list().ofMaxSize(2),
                Arbitraries.of(true, false),
                instants(),
                instants())
            .as(Detailed::new);
    Arbitrary<Tracks> tracks =
        Combinators.combine(
                Arbitraries.of(ClinicalState.class),
                Arbitraries.of(ImagingState.class),
                Arbitraries.of(AdministrativeState.class),
                Arbitraries.of(DistributionState.class))
            .as(Tracks::new);
    return Combinators.combine(
            Arbitraries.create(UUID::randomUUID).map(StudyId::new),
            Combinators.combine(text(20), text(20)).as(BusinessKey::new),
            patients(),
            Arbitraries.of(EntryKind.class),
            tracks,
            detailed,
            Arbitraries.longs().between(1, 10_000))
        .as(
            (id, key, patient, kind, t, d, version) ->
                new Study(
                    id,
                    key,
                    patient,
                    kind,
                    t.clinical(),
                    t.imaging(),
                    t.administrative(),
                    t.distribution(),
                    d.attributes(),
                    d.facts(),
                    d.held(),
                    d.exceptions(),
                    d.mergedFrom(),
                    d.compensationRequested(),
                    version,
                    d.createdAt(),
                    d.updatedAt()));
  }
}
