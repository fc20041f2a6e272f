package org.radflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.radflow.study.IhiNumberStatus;
import org.radflow.study.IhiRecordStatus;
import org.radflow.workflow.IhiRules.Judgement;
import org.radflow.workflow.IhiRules.Judgement.FollowResolved;
import org.radflow.workflow.IhiRules.Judgement.Unusable;
import org.radflow.workflow.IhiRules.Judgement.Usable;

/** Every number status against every record status, as the HI Service may answer them. */
class IhiRulesTest {

  private static final String IHI = "8003608166690503";
  private static final String SURVIVOR = "8003608000000570";

  @Property
  void usable_exactly_when_verified_and_active_or_deceased(
      @ForAll IhiNumberStatus number, @ForAll IhiRecordStatus record) {
    boolean usable =
        record == IhiRecordStatus.VERIFIED
            && EnumSet.of(IhiNumberStatus.ACTIVE, IhiNumberStatus.DECEASED).contains(number);

    Judgement judgement = IhiRules.judge(IHI, number, record, SURVIVOR);

    assertThat(judgement instanceof Usable).isEqualTo(usable);
    if (usable) {
      assertThat(judgement).isEqualTo(new Usable(IHI, number, record));
    }
  }

  @Property
  void a_resolved_number_is_followed_whatever_its_record(@ForAll IhiRecordStatus record) {
    assertThat(IhiRules.judge(IHI, IhiNumberStatus.RESOLVED, record, SURVIVOR))
        .isEqualTo(new FollowResolved(IHI, SURVIVOR));
  }

  @Property
  void every_refusal_names_its_status_the_ihi_and_what_to_do(
      @ForAll IhiNumberStatus number, @ForAll IhiRecordStatus record) {
    if (!(IhiRules.judge(IHI, number, record, SURVIVOR) instanceof Unusable unusable)) {
      return;
    }
    String status = unusable.code().substring("IHI_".length());

    assertThat(unusable.code()).startsWith("IHI_");
    assertThat(status).isIn(number.name(), record.name());
    assertThat(unusable.reason())
        .contains(status, IHI, "may not be used for My Health Record", "ADT^A08", "redrive");
  }

  @Property
  void a_withdrawn_number_decides_before_its_record(@ForAll IhiRecordStatus record) {
    assertThat(IhiRules.judge(IHI, IhiNumberStatus.RETIRED, record, null))
        .extracting(j -> ((Unusable) j).code())
        .isEqualTo("IHI_RETIRED");
    assertThat(IhiRules.judge(IHI, IhiNumberStatus.EXPIRED, record, null))
        .extracting(j -> ((Unusable) j).code())
        .isEqualTo("IHI_EXPIRED");
  }

  @Example
  void a_provisional_record_tells_a_person_what_to_do() {
    assertThat(IhiRules.judge(IHI, IhiNumberStatus.ACTIVE, IhiRecordStatus.PROVISIONAL, null))
        .isEqualTo(
            new Unusable(
                "IHI_PROVISIONAL",
                "IHI "
                    + IHI
                    + " has a PROVISIONAL record (created for an unidentified patient): it may not"
                    + " be used for My Health Record. Ask the patient for Medicare, DVA or"
                    + " identifying details, correct them at the source (ADT^A08) and redrive the"
                    + " identity check, or resolve the exception if the report must not go to My"
                    + " Health Record."));
  }

  @Example
  void a_resolved_number_without_a_survivor_cannot_be_followed() {
    assertThat(IhiRules.judge(IHI, IhiNumberStatus.RESOLVED, IhiRecordStatus.VERIFIED, null))
        .extracting(j -> ((Unusable) j).code())
        .isEqualTo("IHI_RESOLVED");
  }

  @Example
  void not_found_names_the_search_but_nothing_of_the_patient() {
    Unusable notFound = IhiRules.notFound("by Medicare card number and demographics");

    assertThat(notFound.code()).isEqualTo("IHI_NOT_FOUND");
    assertThat(notFound.reason()).contains("by Medicare card number and demographics", "ADT^A08");
  }

  @Example
  void recognises_a_well_formed_ihi() {
    assertThat(IhiRules.wellFormed(IHI)).isTrue();
    assertThat(IhiRules.wellFormed(SURVIVOR)).isTrue();
    assertThat(IhiRules.wellFormed("8003608166690504")).as("wrong check digit").isFalse();
    assertThat(IhiRules.wellFormed("8003618166690503")).as("not an IHI prefix").isFalse();
    assertThat(IhiRules.wellFormed("800360816669050")).as("15 digits").isFalse();
    assertThat(IhiRules.wellFormed("80036081666905O3")).as("a letter").isFalse();
    assertThat(IhiRules.wellFormed(null)).isFalse();
  }
}
