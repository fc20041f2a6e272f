package org.radflow.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.radflow.study.Commands.at;
import static org.radflow.study.Commands.scheduled;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the study keeps of the patient's IHI, and which messages ask for it again: the study rules
 * alone, no store.
 */
class NationalIdentityRulesTest {

  private static final String IHI = "8003608166690503";
  private static final String OTHER_IHI = "8003608000000000";
  private final StudyRules rules = new StudyRules(Duration.ofHours(4));

  @Test
  void a_validation_keeps_the_ihi_both_statuses_and_when() {
    Study validated = validated("ACTIVE", "VERIFIED");

    NationalIdentity identity = validated.nationalIdentity().orElseThrow();
    assertThat(identity.ihi()).isEqualTo(IHI);
    assertThat(identity.numberStatus()).isEqualTo(IhiNumberStatus.ACTIVE);
    assertThat(identity.recordStatus()).isEqualTo(IhiRecordStatus.VERIFIED);
    assertThat(identity.validatedAt()).isEqualTo(at(1));
    assertThat(identity.usable()).isTrue();
  }

  @Test
  void only_a_verified_active_or_deceased_ihi_is_usable() {
    for (IhiNumberStatus number : IhiNumberStatus.values()) {
      for (IhiRecordStatus record : IhiRecordStatus.values()) {
        boolean usable =
            record == IhiRecordStatus.VERIFIED
                && (number == IhiNumberStatus.ACTIVE || number == IhiNumberStatus.DECEASED);
        assertThat(
                validated(number.name(), record.name()).nationalIdentity().orElseThrow().usable())
            .as("%s %s", number, record)
            .isEqualTo(usable);
      }
    }
  }

  @Test
  void a_message_naming_the_ihi_radflow_holds_asks_nothing_and_another_ihi_asks_again() {
    Study validated = validated("ACTIVE", "VERIFIED");

    Decision.Accepted same = accept(validated, revalidation("same", IHI));
    assertThat(same.outcome()).isEqualTo(Decision.Outcome.ALREADY_KNOWN);
    assertThat(same.after().nationalIdentity().orElseThrow().revalidating()).isFalse();

    Decision.Accepted other = accept(validated, revalidation("other", OTHER_IHI));
    assertThat(other.outcome()).isEqualTo(Decision.Outcome.APPLIED);
    assertThat(other.after().nationalIdentity().orElseThrow().revalidating()).isTrue();
  }

  @Test
  void no_revalidation_before_radflow_validated_the_identity() {
    Study ordered = ((Decision.Accepted) rules.create(scheduled())).after();

    assertThat(rules.decide(ordered, revalidation("early", OTHER_IHI)))
        .isInstanceOf(Decision.Refused.class);
  }

  @Test
  void a_revalidation_that_fails_leaves_no_usable_ihi_until_the_next_one_succeeds() {
    Study asked = accept(validated("ACTIVE", "VERIFIED"), revalidation("r", OTHER_IHI)).after();
    Study invalidated =
        accept(
                asked,
                transition(
                    TransitionType.IDENTITY_INVALIDATED,
                    "inv",
                    Map.of("code", "IHI_RETIRED", "reason", "retired")))
            .after();
    assertThat(invalidated.nationalIdentity().orElseThrow().usable()).isFalse();
    assertThat(invalidated.nationalIdentity().orElseThrow().unusable()).isEqualTo("retired");

    Study revalidated =
        accept(
                invalidated,
                transition(
                    TransitionType.IDENTITY_REVALIDATED,
                    "ok",
                    Map.of("ihi", OTHER_IHI, "numberStatus", "ACTIVE", "recordStatus", "VERIFIED")))
            .after();
    assertThat(revalidated.nationalIdentity().orElseThrow().usable()).isTrue();
    assertThat(revalidated.nationalIdentity().orElseThrow().ihi()).isEqualTo(OTHER_IHI);
  }

  @Test
  void search_keys_follow_the_latest_message_that_carried_them() {
    Study validated = validated("ACTIVE", "VERIFIED");
    Reference keys =
        new Reference(Reference.IDENTITY_SEARCH, "blob://sha256/" + "a".repeat(64), null);
    Transition withKeys =
        new Transition(
            TransitionType.IDENTITY_REVALIDATION_REQUESTED,
            "keys",
            at(5),
            at(5),
            new Source("pas", "A08-1"),
            "hl7-inbound",
            Map.of("reason", "a patient update named IHI " + OTHER_IHI, "statedIhi", OTHER_IHI),
            List.of(keys));

    assertThat(accept(validated, withKeys).after().identitySearch()).hasValue(keys.uri());
  }

  @Test
  void a_result_naming_another_ihi_is_kept_until_the_hi_service_answers_and_the_same_is_not() {
    Study validated = validated("ACTIVE", "VERIFIED");

    Study named = accept(validated, stating("other", OTHER_IHI)).after();
    assertThat(named.statedIhi()).hasValue(OTHER_IHI);
    assertThat(accept(validated, stating("same", IHI)).after().statedIhi()).isEmpty();

    Study answered =
        accept(
                named,
                transition(
                    TransitionType.IDENTITY_REVALIDATED,
                    "answered",
                    Map.of("ihi", IHI, "numberStatus", "ACTIVE", "recordStatus", "VERIFIED")))
            .after();
    assertThat(answered.statedIhi()).as("the HI Service's answer stands").isEmpty();
  }

  /** A study-level record carrying {@code statedIhi}, as a result names the IHI in its PID. */
  private static Transition stating(String key, String ihi) {
    return transition(
        TransitionType.ORDER_CHANGED, key, Map.of("statedIhi", ihi, "procedure", "CT chest"));
  }

  private Study validated(String number, String record) {
    Study ordered = ((Decision.Accepted) rules.create(scheduled())).after();
    return accept(
            ordered,
            transition(
                TransitionType.IDENTITY_VALIDATED,
                "validated",
                Map.of("ihi", IHI, "numberStatus", number, "recordStatus", record)))
        .after();
  }

  private static Transition revalidation(String key, String statedIhi) {
    return transition(
        TransitionType.IDENTITY_REVALIDATION_REQUESTED,
        key,
        Map.of("reason", "a patient update named IHI " + statedIhi, "statedIhi", statedIhi));
  }

  private static Transition transition(TransitionType type, String key, Map<String, String> data) {
    return new Transition(
        type, key, at(1), at(1), new Source("ris", "MSG-" + key), "hl7-inbound", data, List.of());
  }

  private Decision.Accepted accept(Study study, Transition transition) {
    Decision decision = rules.decide(study, transition);
    assertThat(decision)
        .as("decision on %s", transition.type())
        .isInstanceOf(Decision.Accepted.class);
    return (Decision.Accepted) decision;
  }
}
