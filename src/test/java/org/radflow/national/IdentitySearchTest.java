package org.radflow.national;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.radflow.national.IdentitySearch.Sex;

class IdentitySearchTest {

  private static final UUID REQUEST = UUID.fromString("6f1c2a9e-0d4b-4c1e-9a57-3b2f8e6d1c40");

  private static IdentitySearch subjectOnly() {
    return IdentitySearch.forSubject(REQUEST, "HOSP", "MRN-1");
  }

  private static IdentitySearch everything() {
    return subjectOnly()
        .withIhi("8003608166690503")
        .withMedicare("2950974202", "1")
        .withDva("NX123456")
        .withDemographics("Citizen", "Jane Mary", LocalDate.of(1980, 2, 29), Sex.F);
  }

  @Test
  void writes_every_field_in_the_wire_order() {
    assertThat(new String(everything().toJson(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"requestId\":\"6f1c2a9e-0d4b-4c1e-9a57-3b2f8e6d1c40\","
                + "\"subject\":{\"authority\":\"HOSP\",\"patientId\":\"MRN-1\"},"
                + "\"ihi\":\"8003608166690503\","
                + "\"medicare\":{\"number\":\"2950974202\",\"irn\":\"1\"},"
                + "\"dva\":\"NX123456\","
                + "\"familyName\":\"Citizen\",\"givenName\":\"Jane\","
                + "\"dateOfBirth\":\"1980-02-29\",\"sex\":\"F\"}");
  }

  @Test
  void leaves_out_what_was_not_searched_by() {
    assertThat(new String(subjectOnly().toJson(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"requestId\":\"6f1c2a9e-0d4b-4c1e-9a57-3b2f8e6d1c40\","
                + "\"subject\":{\"authority\":\"HOSP\",\"patientId\":\"MRN-1\"}}");
    assertThat(
            new String(
                subjectOnly().withDemographics("Citizen", " ", null, Sex.U).toJson(),
                StandardCharsets.UTF_8))
        .doesNotContain("givenName", "dateOfBirth", "ihi", "medicare", "dva")
        .contains("\"familyName\":\"Citizen\",\"sex\":\"U\"");
  }

  @Test
  void the_same_search_is_always_the_same_bytes() {
    assertThat(everything().toJson()).isEqualTo(everything().toJson());
    assertThat(IdentitySearch.fromJson(everything().toJson()).toJson())
        .isEqualTo(everything().toJson());
  }

  @Test
  void round_trips() {
    assertThat(IdentitySearch.fromJson(everything().toJson())).isEqualTo(everything());
    assertThat(IdentitySearch.fromJson(subjectOnly().toJson())).isEqualTo(subjectOnly());
  }

  @Test
  void keeps_the_first_given_name_and_cuts_names_to_the_services_limit() {
    String longFamily = "Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaft";
    String longGiven = "Maximiliana-Theodora-Konstantina-Alexandrina";

    IdentitySearch search =
        subjectOnly().withDemographics(longFamily, longGiven + " Second", null, Sex.F);

    assertThat(search.familyName()).isEqualTo(longFamily.substring(0, 40)).hasSize(40);
    assertThat(search.givenName()).isEqualTo(longGiven.substring(0, 40));
    assertThat(subjectOnly().withDemographics("Nguyen", "  Anh  Thu ", null, Sex.M).givenName())
        .isEqualTo("Anh");
  }

  @Test
  void cuts_by_characters_so_no_surrogate_pair_is_split() {
    String name = "a".repeat(39) + "\uD835\uDC00" + "b";

    assertThat(subjectOnly().withDemographics(name, null, null, null).familyName())
        .isEqualTo("a".repeat(39) + "\uD835\uDC00");
  }

  @Test
  void the_follow_up_of_a_resolved_ihi_changes_only_the_ihi() {
    IdentitySearch followUp = everything().withIhi("8003608000000570");

    assertThat(followUp.ihi()).isEqualTo("8003608000000570");
    assertThat(followUp.withIhi("8003608166690503")).isEqualTo(everything());
  }

  @Test
  void refuses_a_search_without_subject_or_with_half_a_medicare_card() {
    assertThatThrownBy(() -> IdentitySearch.forSubject(REQUEST, "HOSP", " "))
        .hasMessageContaining("patientId");
    assertThatThrownBy(() -> subjectOnly().withMedicare("2950974202", null))
        .hasMessageContaining("medicareIrn");
    assertThatThrownBy(() -> IdentitySearch.fromJson("{\"subject\":{}}".getBytes()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("requestId");
  }
}
