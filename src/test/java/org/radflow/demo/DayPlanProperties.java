package org.radflow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.radflow.demo.StudyPlan.Kind;
import org.radflow.demo.StudyPlan.Twist;

class DayPlanProperties {

  private static final LocalDate DAY = LocalDate.of(2026, 12, 5);

  @Property(tries = 40)
  void everyKindAndEveryTwistHappensInADayOfAnySize(
      @ForAll @IntRange(min = 20, max = 3000) int size, @ForAll long seed) {
    DayPlan plan = DayPlan.draw(size, seed, DAY, "2612050600", 2400);
    assertThat(plan.studies()).hasSize(size);
    assertThat(plan.studies().stream().map(StudyPlan::kind).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(Kind.values());
    Set<Twist> twists = EnumSet.noneOf(Twist.class);
    plan.studies().forEach(s -> twists.addAll(s.twists()));
    assertThat(twists)
        .contains(
            Twist.CANCELLED,
            Twist.AMENDED,
            Twist.MERGED,
            Twist.PROVISIONAL_IHI,
            Twist.UNKNOWN_IHI,
            Twist.CLAIM_REJECTED);
    assertThat(plan.studies().stream().map(StudyPlan::accession).distinct()).hasSize(size);
  }

  @Property(tries = 40)
  void deliveriesAreInTimeOrderAndNoneFallsInTheDowntime(
      @ForAll @IntRange(min = 20, max = 600) int size, @ForAll long seed) {
    DayPlan plan = DayPlan.draw(size, seed, DAY, "2612050600", 2400);
    List<Delivery.Planned> deliveries = plan.deliveries();
    for (int i = 1; i < deliveries.size(); i++) {
      assertThat(deliveries.get(i).second()).isGreaterThanOrEqualTo(deliveries.get(i - 1).second());
    }
    assertThat(deliveries)
        .filteredOn(p -> p.delivery().forStudy() != null)
        .noneMatch(p -> plan.downtime().contains(p.second()));
    assertThat(deliveries)
        .filteredOn(p -> p.delivery() instanceof Delivery.Outage)
        .extracting(Delivery.Planned::second)
        .containsExactly(plan.outage().start(), plan.outage().end());
  }

  @Property(tries = 30)
  void eachStudyIsSentWhatItsKindAndTwistsCallFor(
      @ForAll @IntRange(min = 20, max = 400) int size, @ForAll long seed) {
    DayPlan plan = DayPlan.draw(size, seed, DAY, "2612050600", 2400);
    Map<StudyPlan, List<String>> expected =
        plan.deliveries().stream()
            .filter(p -> p.delivery().forStudy() != null)
            .collect(
                Collectors.groupingBy(
                    p -> p.delivery().forStudy(),
                    Collectors.mapping(p -> expects(p.delivery()), Collectors.toList())));
    for (StudyPlan study : plan.studies()) {
      List<String> sent = expected.get(study);
      assertThat(sent).as(study.accession()).contains("CREATED");
      assertThat(sent.contains("STUDY_CANCELLED")).isEqualTo(study.has(Twist.CANCELLED));
      assertThat(sent.contains("REPORT_AMENDED")).isEqualTo(study.has(Twist.AMENDED));
      assertThat(sent.contains("PATIENT_MERGED")).isEqualTo(study.has(Twist.MERGED));
      assertThat(sent.contains("REPORT_FINALISED")).isEqualTo(!study.has(Twist.CANCELLED));
    }
  }

  /** A study's own deliveries keep their planned order, the downtime's queue included. */
  @Property(tries = 40)
  void aStudysOrderComesFirstAndItsDeliveriesKeepTheirOrder(
      @ForAll @IntRange(min = 20, max = 600) int size, @ForAll long seed) {
    DayPlan plan = DayPlan.draw(size, seed, DAY, "2612050600", 2400);
    Map<StudyPlan, List<Delivery>> sent =
        plan.deliveries().stream()
            .filter(p -> p.delivery().forStudy() != null)
            .collect(
                Collectors.groupingBy(
                    p -> p.delivery().forStudy(),
                    java.util.LinkedHashMap::new,
                    Collectors.mapping(Delivery.Planned::delivery, Collectors.toList())));
    sent.forEach(
        (study, deliveries) -> {
          assertThat(expects(deliveries.get(0))).as(study.accession()).isEqualTo("CREATED");
          List<String> path = deliveries.stream().map(DayPlanProperties::expects).toList();
          if (!study.has(Twist.OUT_OF_ORDER) && !study.has(Twist.RESENT)) {
            int started = path.indexOf("ACQUISITION_STARTED");
            int completed = path.indexOf("ACQUISITION_COMPLETED");
            int reported = path.indexOf("REPORT_FINALISED");
            if (started >= 0 && completed >= 0) {
              assertThat(started).as(study.accession()).isLessThan(completed);
            }
            if (completed >= 0 && reported >= 0) {
              assertThat(completed).as(study.accession()).isLessThan(reported);
            }
          }
        });
  }

  /** Every message is one HAPI reads, with a unique control id unless it is a redelivery. */
  @Property(tries = 5)
  void messagesAreWellFormedHl7(@ForAll @IntRange(min = 20, max = 200) int size, @ForAll long seed)
      throws Exception {
    DayPlan plan = DayPlan.draw(size, seed, DAY, "2612050600", 2400);
    Set<String> controlIds = new HashSet<>();
    try (HapiContext hapi = new DefaultHapiContext()) {
      hapi.setValidationContext(ValidationContextFactory.noValidation());
      for (Delivery.Planned planned : plan.deliveries()) {
        if (planned.delivery() instanceof Delivery.Hl7 hl7) {
          Message message = hapi.getPipeParser().parse(hl7.text());
          Terser terser = new Terser(message);
          assertThat(terser.get("MSH-4-1")).isEqualTo(DayPlan.SITE);
          if (!hl7.label().endsWith("(delivered twice)")) {
            assertThat(controlIds.add(terser.get("MSH-10"))).as(hl7.label()).isTrue();
          }
          if (hl7.text().contains("ORU^R01")) {
            assertThat(terser.get("/.PATIENT_RESULT/ORDER_OBSERVATION/OBR-32-1-1"))
                .startsWith("RAD");
            assertThat(terser.get("/.PATIENT_RESULT/ORDER_OBSERVATION/OBR-32-1-2")).isNotBlank();
          }
          if (hl7.text().contains("ORM^O01")) {
            assertThat(terser.get("/.ORDER/ORDER_DETAIL/OBR-18"))
                .isEqualTo(hl7.study().accession());
          }
        }
      }
    }
  }

  @Property
  void ihisCarryTheirLuhnCheckDigit(@ForAll long seed) {
    String ihi = People.ihi(new java.util.Random(seed));
    assertThat(ihi).hasSize(16).startsWith("800360");
    assertThat(org.radflow.workflow.IhiRules.wellFormed(ihi)).isTrue();
  }

  private static String expects(Delivery delivery) {
    return delivery instanceof Delivery.Hl7 hl7
        ? hl7.expects()
        : ((Delivery.Imaging) delivery).expects();
  }
}
