package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Imaging events over HTTP: transitions for known studies, late joins for new ones. */
class ImagingEventApiTest extends AbstractApiTest {

  private String event(String type, String accession, String extra) {
    return """
        {"type": "%s", "assigningAuthority": "%s", "accessionNumber": "%s",
         "studyInstanceUid": "1.2.826.0.1.3680043.8.498.%d",
         "source": {"system": "ct-scanner-2"}, "actor": "modality"%s}
        """
        .formatted(type, authority, accession, Math.abs(accession.hashCode()), extra);
  }

  private static final String PATIENT =
      ", \"patient\": {\"assigningAuthority\": \"NHS\", \"id\": \"P-9\"}";

  @Test
  void anEncounterJoinsAtAcquisitionAndLaterEventsMoveIt() {
    Api.Response joined =
        api.post("/api/v1/imaging-events", event("ACQUISITION_STARTED", "E-1", PATIENT));
    assertThat(joined.status()).as(joined.text()).isEqualTo(201);
    assertThat(joined.json().path("outcome").asString()).isEqualTo("JOINED");
    assertThat(joined.json().path("entryKind").asString()).isEqualTo("ENCOUNTER");
    assertThat(joined.json().path("joinedAt").asString()).isEqualTo("ACQUISITION_IN_PROGRESS");
    String id = joined.json().path("studyId").asString();

    Api.Response again =
        api.post("/api/v1/imaging-events", event("ACQUISITION_STARTED", "E-1", PATIENT));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("outcome").asString()).isEqualTo("DUPLICATE");

    assertThat(
            api.post("/api/v1/imaging-events", event("ACQUISITION_COMPLETED", "E-1", ""))
                .json()
                .path("outcome")
                .asString())
        .isEqualTo("APPLIED");
    Api.Response committed =
        api.post(
            "/api/v1/imaging-events",
            event(
                "STORAGE_COMMITTED",
                "E-1",
                ", \"manifestUri\": \"dicomweb://pacs/studies/1.2.3/manifest\","
                    + " \"contentHash\": \"sha256:9f2c\""));
    assertThat(committed.status()).as(committed.text()).isEqualTo(200);
    JsonNode study = api.get("/api/v1/studies/" + id).json();
    assertThat(study.path("entryKind").asString()).isEqualTo("ENCOUNTER");
    assertThat(study.path("tracks").path("imaging").asString()).isEqualTo("IMAGES_COMMITTED");
    JsonNode history = api.get("/api/v1/studies/" + id + "/history").json();
    assertThat(history.toString())
        .contains("dicomweb://pacs/studies/1.2.3/manifest", "sha256:9f2c");
  }

  @Test
  void anImportJoinsAsAnOutsideStudyAndDowntimeBackfillKeepsItsTimes() {
    Api.Response imported =
        api.post(
            "/api/v1/imaging-events",
            event("IMPORT_COMPLETED", "X-1", PATIENT + ", \"importJobId\": \"4411\""));
    assertThat(imported.status()).as(imported.text()).isEqualTo(201);
    assertThat(imported.json().path("entryKind").asString()).isEqualTo("OUTSIDE_IMPORT");
    assertThat(imported.json().path("joinedAt").asString()).isEqualTo("IMAGES_COMMITTED");

    Api.Response backfill =
        api.post(
            "/api/v1/imaging-events",
            event(
                "STORAGE_COMMITTED",
                "D-1",
                PATIENT + ", \"downtime\": true, \"happenedAt\": \"2026-03-01T03:10:00Z\""));
    assertThat(backfill.status()).as(backfill.text()).isEqualTo(201);
    assertThat(backfill.json().path("entryKind").asString()).isEqualTo("DOWNTIME_RECOVERY");
    JsonNode study =
        api.get("/api/v1/studies/" + backfill.json().path("studyId").asString()).json();
    assertThat(study.path("facts").toString()).contains("2026-03-01T03:10:00Z");
  }

  @Test
  void aNewStudyWithoutAPatientIsRefusedWithTheReasonAndABadUidIsNamed() {
    Api.Response refused =
        api.post("/api/v1/imaging-events", event("ACQUISITION_STARTED", "N-1", ""));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().path("detail").asString()).contains("names no patient");

    Api.Response badUid =
        api.post(
            "/api/v1/imaging-events",
            event("ACQUISITION_STARTED", "N-2", PATIENT).replace("1.2.826", "not-a-uid"));
    assertThat(badUid.status()).isEqualTo(400);
    assertThat(badUid.json().path("detail").asString()).contains("DICOM UID");
  }

  @Test
  void aRedeliveredMessageIsADuplicate() {
    api.post("/api/v1/imaging-events", event("ACQUISITION_STARTED", "M-1", PATIENT));
    Api.Response first =
        api.post(
            "/api/v1/imaging-events",
            event("ACQUISITION_COMPLETED", "M-1", ""),
            "X-Message-Id",
            "MPPS-" + authority);
    assertThat(first.json().path("outcome").asString()).isEqualTo("APPLIED");

    Api.Response again =
        api.post(
            "/api/v1/imaging-events",
            event("ACQUISITION_COMPLETED", "M-1", ""),
            "X-Message-Id",
            "MPPS-" + authority);

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("outcome").asString()).isEqualTo("DUPLICATE");
    assertThat(again.json().path("version").asLong())
        .isEqualTo(first.json().path("version").asLong());
  }
}
