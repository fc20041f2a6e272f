package org.radflow.national;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.radflow.national.DocumentPackage.Author;
import org.radflow.national.DocumentPackage.DocumentType;
import org.radflow.national.DocumentPackage.Organisation;
import org.radflow.national.DocumentPackage.Report;

class DocumentPackageTest {

  private static final UUID STUDY = UUID.fromString("0f8e2a51-7c3b-4d6e-8a9f-1b2c3d4e5f60");
  private static final String IHI = "8003608000000000";
  private static final String REF = "sha256:" + "ab".repeat(32);

  /** A first version, with every optional field present. */
  static DocumentPackage sample() {
    return new DocumentPackage(
        DocumentPackage.documentId(STUDY, 1, IHI),
        DocumentPackage.setId(STUDY),
        1,
        null,
        IHI,
        new Author("rad-7", "Dr A Radiologist"),
        new Organisation("8003621566684455", "Harbour Imaging"),
        DocumentType.DIAGNOSTIC_IMAGING,
        "CT Chest report",
        "ACC-1",
        Instant.parse("2026-03-01T10:15:00Z"),
        new Report(REF, "text/plain"));
  }

  @Test
  void the_wire_form_has_the_agreed_fields_in_the_agreed_order() {
    DocumentPackage p = sample().withSupersedes("2.25.1");

    assertThat(new String(p.toJson(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"documentId\":\""
                + p.documentId()
                + "\",\"setId\":\""
                + p.setId()
                + "\",\"version\":1,\"supersedes\":\"2.25.1\""
                + ",\"patient\":{\"ihi\":\"8003608000000000\"}"
                + ",\"author\":{\"id\":\"rad-7\",\"name\":\"Dr A Radiologist\"}"
                + ",\"organisation\":{\"id\":\"8003621566684455\",\"name\":\"Harbour Imaging\"}"
                + ",\"documentType\":{\"code\":\"18748-4\",\"system\":\"2.16.840.1.113883.6.1\""
                + ",\"display\":\"Diagnostic imaging study\"}"
                + ",\"title\":\"CT Chest report\",\"accession\":\"ACC-1\""
                + ",\"authored\":\"2026-03-01T10:15:00Z\""
                + ",\"report\":{\"ref\":\""
                + REF
                + "\",\"mediaType\":\"text/plain\"}}");
  }

  @Test
  void a_package_survives_the_round_trip() {
    DocumentPackage full = sample().withSupersedes(DocumentPackage.documentId(STUDY, 0, IHI));
    DocumentPackage bare =
        new DocumentPackage(
            full.documentId(),
            full.setId(),
            3,
            null,
            null,
            new Author("rad-7", null),
            full.organisation(),
            full.documentType(),
            full.title(),
            full.accession(),
            full.authored(),
            full.report());

    assertThat(DocumentPackage.fromJson(full.toJson())).isEqualTo(full);
    assertThat(DocumentPackage.fromJson(bare.toJson())).isEqualTo(bare);
  }

  @Test
  void the_same_package_always_gives_the_same_bytes() {
    assertThat(sample().toJson()).isEqualTo(sample().toJson());
    assertThat(DocumentPackage.fromJson(sample().toJson()).toJson()).isEqualTo(sample().toJson());
  }

  @Test
  void absent_optionals_are_left_out_not_written_as_null() {
    DocumentPackage bare = sample().withIhi(null);
    String json = new String(bare.toJson(), StandardCharsets.UTF_8);

    assertThat(json).doesNotContain("supersedes", "patient", "null");
    assertThat(new String(sample().withIhi("8003608999999999").toJson(), StandardCharsets.UTF_8))
        .contains("\"patient\":{\"ihi\":\"8003608999999999\"}");
  }

  @Test
  void ids_are_oids_under_the_uuid_arc() {
    String documentId = DocumentPackage.documentId(STUDY, 1, IHI);
    String setId = DocumentPackage.setId(STUDY);

    for (String id : new String[] {documentId, setId}) {
      assertThat(id).matches("2\\.25\\.[1-9][0-9]*");
      assertThat(new BigInteger(id.substring(5))).isLessThan(BigInteger.TWO.pow(128));
    }
  }

  @Test
  void an_id_is_the_uuid_as_an_unsigned_decimal_of_a_version_5_name_based_uuid() {
    UUID uuid = Oids.nameUuid("radflow/set/" + STUDY);

    assertThat(uuid.version()).isEqualTo(5);
    assertThat(uuid.variant()).isEqualTo(2);
    assertThat(DocumentPackage.setId(STUDY))
        .isEqualTo("2.25." + new BigInteger(uuid.toString().replace("-", ""), 16));
    // X.667's own example: the UUID f81d4fae-7dec-11d0-a765-00a0c91e6bf6.
    assertThat(Oids.of(UUID.fromString("f81d4fae-7dec-11d0-a765-00a0c91e6bf6")))
        .isEqualTo("2.25.329800735698586629295641978511506172918");
  }

  @Test
  void ids_are_deterministic_and_tell_versions_patients_and_studies_apart() {
    UUID other = UUID.fromString("11111111-2222-3333-4444-555555555555");
    String first = DocumentPackage.documentId(STUDY, 1, IHI);

    assertThat(DocumentPackage.documentId(STUDY, 1, IHI)).isEqualTo(first);
    assertThat(DocumentPackage.documentId(STUDY, 1, null))
        .isEqualTo(DocumentPackage.documentId(STUDY, 1, null))
        .isNotEqualTo(first);
    assertThat(DocumentPackage.documentId(STUDY, 2, IHI)).isNotEqualTo(first);
    assertThat(DocumentPackage.documentId(STUDY, 1, "8003608000000018")).isNotEqualTo(first);
    assertThat(DocumentPackage.documentId(other, 1, IHI)).isNotEqualTo(first);
    assertThat(DocumentPackage.setId(STUDY))
        .isEqualTo(DocumentPackage.setId(STUDY))
        .isNotEqualTo(DocumentPackage.setId(other))
        .isNotEqualTo(first);
  }

  @Test
  void a_malformed_package_is_refused_naming_the_field() {
    String json = new String(sample().toJson(), StandardCharsets.UTF_8);

    assertRefused("not json", "not JSON");
    assertRefused("[]", "not a JSON object");
    assertRefused(json.replace("\"documentId\"", "\"x\""), "documentId");
    assertRefused(json.replace("\"setId\"", "\"x\""), "setId");
    assertRefused(json.replace("\"version\":1", "\"version\":\"1\""), "version");
    assertRefused(json.replace("\"version\":1", "\"version\":0"), "version");
    assertRefused(json.replace("\"author\"", "\"x\""), "author");
    assertRefused(json.replace("\"organisation\"", "\"x\""), "organisation");
    assertRefused(json.replace("\"ref\"", "\"x\""), "report.ref");
    assertRefused(json.replace(REF, "blob://reports/1"), "report.ref");
    assertRefused(json.replace("2026-03-01T10:15:00Z", "yesterday"), "authored");
  }

  private static void assertRefused(String json, String naming) {
    assertThatThrownBy(() -> DocumentPackage.fromJson(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(naming);
  }
}
