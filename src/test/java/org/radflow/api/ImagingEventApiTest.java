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
         "source": {"system": "ct-scanner-2"}%s}
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

  /** radflow's own storage-commitment step, as its effect is written: keyed by the step. */
  private static final String OUR_COMMITMENT =
      Bodies.transition(
          "IMAGES_COMMITTED", "step-confirm-storage:IMAGES_COMMITTED", "{\"archive\": \"c-1\"}");

  /** An order whose final report came early and whose images radflow's own step committed. */
  private Api.Response reportedThroughOurCommitment(String id, String accession) {
    assertThat(transition(id, Bodies.transition("REPORT_FINALISED", "report-final")).status())
        .isEqualTo(202);
    assertThat(
            api.post("/api/v1/imaging-events", event("ACQUISITION_STARTED", accession, ""))
                .status())
        .isEqualTo(200);
    assertThat(
            api.post("/api/v1/imaging-events", event("ACQUISITION_COMPLETED", accession, ""))
                .status())
        .isEqualTo(200);
    Api.Response ours = transition(id, OUR_COMMITMENT);
    assertThat(ours.status()).as(ours.text()).isEqualTo(200);
    assertThat(ours.json().path("study").path("tracks").path("imaging").asString())
        .as("the held report is applied with the images")
        .isEqualTo("REPORT_FINALISED");
    return ours;
  }

  @Test
  void theArchivesStorageCommitmentAfterRadflowsOwnIsAlreadyKnownAndRecorded() {
    String id = open("K-1");
    Api.Response ours = reportedThroughOurCommitment(id, "K-1");
    long version = ours.json().path("study").path("version").asLong();
    String pacsCommitment =
        event(
            "STORAGE_COMMITTED",
            "K-1",
            ", \"manifestUri\": \"dicomweb://pacs/studies/k1/manifest\","
                + " \"contentHash\": \"sha256:k1\"");

    Api.Response theirs = api.post("/api/v1/imaging-events", pacsCommitment);

    assertThat(theirs.status()).as(theirs.text()).isEqualTo(200);
    assertThat(theirs.json().path("outcome").asString()).isEqualTo("ALREADY_KNOWN");
    assertThat(theirs.json().path("version").asLong()).isEqualTo(version + 1);
    JsonNode study = api.get("/api/v1/studies/" + id).json();
    assertThat(study.path("tracks").path("imaging").asString()).isEqualTo("REPORT_FINALISED");
    JsonNode history = api.get("/api/v1/studies/" + id + "/history").json().path("entries");
    JsonNode last = history.get(history.size() - 1);
    assertThat(last.path("change").asString()).isEqualTo("OBSERVED");
    assertThat(last.path("eventType").asString()).isEqualTo("study.observation.recorded");
    assertThat(last.path("transition").path("type").asString()).isEqualTo("IMAGES_COMMITTED");
    assertThat(last.path("transition").path("source").path("system").asString())
        .isEqualTo("ct-scanner-2");
    assertThat(last.path("transition").path("actor").asString()).isEqualTo(caller);
    assertThat(last.toString()).contains("dicomweb://pacs/studies/k1/manifest");

    Api.Response again = api.post("/api/v1/imaging-events", pacsCommitment);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("outcome").asString()).isEqualTo("DUPLICATE");
    assertThat(again.json().path("version").asLong()).isEqualTo(version + 1);
  }

  @Test
  void theTransitionsApiAnswersAnObservationAsAlreadyKnownToo() {
    String id = open("K-2");
    reportedThroughOurCommitment(id, "K-2");

    Api.Response theirs = transition(id, Bodies.transition("IMAGES_COMMITTED", "pacs-commit-K-2"));

    assertThat(theirs.status()).as(theirs.text()).isEqualTo(200);
    assertThat(theirs.json().path("outcome").asString()).isEqualTo("ALREADY_KNOWN");
    assertThat(theirs.json().path("appended")).hasSize(1);
    assertThat(theirs.json().path("appended").get(0).path("change").asString())
        .isEqualTo("OBSERVED");
    assertThat(theirs.json().path("study").path("tracks").path("imaging").asString())
        .isEqualTo("REPORT_FINALISED");
    Api.Response again = transition(id, Bodies.transition("IMAGES_COMMITTED", "pacs-commit-K-2"));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("duplicate").asBoolean()).isTrue();
    assertThat(again.json().path("originalOutcome").asString()).isEqualTo("ALREADY_KNOWN");
  }

  @Test
  void aStorageCommitmentNamingAnotherStudyInstanceUidIsAConflictNamingBoth() {
    String known = "1.2.826.0.1.3680043.8.498.77";
    Api.Response opened =
        api.post(
            "/api/v1/studies",
            Bodies.openStudy(authority, "K-3", "P")
                .replace(
                    "\"modality\": \"CT\"",
                    "\"modality\": \"CT\", \"studyInstanceUid\": \"" + known + "\""));
    assertThat(opened.status()).as(opened.text()).isEqualTo(201);
    String id = opened.json().path("id").asString();
    reportedThroughOurCommitment(id, "K-3");
    String other = "1.2.826.0.1.3680043.8.498." + Math.abs("K-3".hashCode());

    Api.Response conflict =
        api.post("/api/v1/imaging-events", event("STORAGE_COMMITTED", "K-3", ""));

    assertThat(conflict.status()).as(conflict.text()).isEqualTo(409);
    assertThat(conflict.json().path("type").asString()).endsWith("/observation-conflict");
    assertThat(conflict.json().path("refusal").asString()).isEqualTo("CONTRADICTS");
    assertThat(conflict.json().path("detail").asString()).contains(known, other);

    Api.Response agreeing =
        api.post(
            "/api/v1/imaging-events", event("STORAGE_COMMITTED", "K-3", "").replace(other, known));
    assertThat(agreeing.status()).as(agreeing.text()).isEqualTo(200);
    assertThat(agreeing.json().path("outcome").asString()).isEqualTo("ALREADY_KNOWN");
  }
}
