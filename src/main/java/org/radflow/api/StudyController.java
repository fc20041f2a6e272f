package org.radflow.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.radflow.lifecycle.CreateResult;
import org.radflow.lifecycle.StudyLifecycle;
import org.radflow.lifecycle.StudyQuery;
import org.radflow.lifecycle.StudyReads;
import org.radflow.orchestration.StepRecord;
import org.radflow.orchestration.StepStore;
import org.radflow.study.EndToEndStatus;
import org.radflow.study.Study;
import org.radflow.study.StudyId;
import org.radflow.study.Track;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Opening studies, and every read of them: one study, its history, its conflicts, search. */
@RestController
@RequestMapping("/api/v1/studies")
@Tag(name = "studies", description = "Open studies and read where they are")
class StudyController {

  private final StudyLifecycle lifecycle;
  private final StudyReads studies;
  private final JsonMapper json;
  private final StepStore steps;
  private final AuditedReads reads;

  StudyController(
      StudyLifecycle lifecycle,
      StudyReads studies,
      JsonMapper json,
      StepStore steps,
      AuditedReads reads) {
    this.steps = steps;
    this.reads = reads;
    this.lifecycle = lifecycle;
    this.studies = studies;
    this.json = json;
  }

  @Allowed.Integration
  @PostMapping
  @Operation(
      summary = "Open a study, or late-join one already under way",
      description =
          "The business key (assigningAuthority + accessionNumber) is the idempotency key of"
              + " creation: the same key with the same content answers 200 with the existing"
              + " study; with different content 409, and the conflict is recorded.")
  @ApiResponse(responseCode = "201", description = "Created; Location names the study")
  @ApiResponse(responseCode = "200", description = "Re-send: the study already exists as sent")
  @ApiResponse(
      responseCode = "400",
      description = "Malformed JSON, unknown enum value, missing or invalid field")
  @ApiResponse(responseCode = "409", description = "The business key exists with different content")
  @ApiResponse(
      responseCode = "413",
      description = "Inline attributes and references above the limit: pass a reference")
  @ApiResponse(
      responseCode = "422",
      description = "The model refused, e.g. the entry kind cannot join at that imaging state")
  @ApiResponse(
      responseCode = "503",
      description = "Database unavailable or busy; retry after Retry-After seconds")
  ResponseEntity<StudyView> open(@RequestBody OpenStudyRequest body, Principal caller) {
    CreateResult result = lifecycle.open(body.toDraft(lifecycle.now(), caller.getName()));
    return result.fold(
        created ->
            ResponseEntity.created(location(created.study().id()))
                .eTag(Versions.etag(created.study().version()))
                .body(StudyView.of(created.study())),
        existing ->
            ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_LOCATION, location(existing.study().id()).toString())
                .eTag(Versions.etag(existing.study().version()))
                .body(StudyView.of(existing.study())),
        conflict -> {
          Study existing = conflict.existing();
          throw Problems.conflict(
              existing.id(),
              "create:" + existing.businessKey(),
              "study "
                  + existing.businessKey()
                  + " already exists (id "
                  + existing.id()
                  + ") with different content");
        },
        refused -> {
          throw Problems.refused(refused.refusal(), refused.message());
        },
        tooLarge -> {
          throw Problems.tooLarge(tooLarge.limitBytes(), tooLarge.actualBytes());
        });
  }

  @Allowed.Viewer
  @GetMapping("/{id}")
  @Operation(
      summary = "Where a study is: its tracks, status, obligations, held events and exceptions",
      description = "The ETag is the study's version; If-None-Match answers 304 when unchanged.")
  @ApiResponse(responseCode = "200", description = "The study")
  @ApiResponse(responseCode = "304", description = "Unchanged since the ETag in If-None-Match")
  @ApiResponse(responseCode = "400", description = "The id is not a UUID")
  @ApiResponse(responseCode = "404", description = "No such study")
  ResponseEntity<StudyView> get(@PathVariable String id) {
    Study study = find(Problems.studyId(id));
    EndToEndStatus status = StepRecord.statusOf(study, steps.steps(study.id()));
    if (!status.equals(study.status())) {
      // The status depends on steps, which move without the study's version: no ETag, so no
      // If-None-Match answers 304 with a status that has moved on. The version is in the body.
      return ResponseEntity.ok().body(StudyView.of(study, status));
    }
    return ResponseEntity.ok().eTag(Versions.etag(study.version())).body(StudyView.of(study));
  }

  @Allowed.Viewer
  @GetMapping("/{id}/history")
  @Operation(summary = "A study's append-only history, oldest first: the audit trail")
  @ApiResponse(responseCode = "200", description = "The history")
  @ApiResponse(responseCode = "400", description = "The id is not a UUID")
  @ApiResponse(responseCode = "404", description = "No such study")
  HistoryView history(@PathVariable String id) {
    StudyId studyId = Problems.studyId(id);
    find(studyId); // an unknown study has an empty history; say it is unknown instead
    return HistoryView.of(studyId.toString(), studies.history(studyId));
  }

  @Allowed.Viewer
  @GetMapping("/{id}/conflicts")
  @Operation(
      summary = "Idempotency conflicts recorded on a study",
      description =
          "Each is a command that reused a key (or, for creation, the business key) with"
              + " different content and was refused; kept for the people who sort it out.")
  @ApiResponse(responseCode = "200", description = "The conflicts, oldest first")
  @ApiResponse(responseCode = "400", description = "The id is not a UUID")
  @ApiResponse(responseCode = "404", description = "No such study")
  ConflictsView conflicts(@PathVariable String id) {
    StudyId studyId = Problems.studyId(id);
    find(studyId);
    List<ConflictsView.Conflict> conflicts =
        studies.conflicts(studyId).stream()
            .map(
                c ->
                    new ConflictsView.Conflict(
                        c.idempotencyKey(),
                        c.originalFingerprint(),
                        c.conflictingFingerprint(),
                        command(c.conflictingCommand()),
                        c.recordedAt()))
            .toList();
    return new ConflictsView(studyId.toString(), conflicts);
  }

  @Allowed.Viewer
  @GetMapping
  @Operation(
      summary = "Search studies, newest first",
      description =
          "Every given criterion must match. patientAuthority and patientId go together, as do"
              + " track and state; the state must be one of the track's. An order number matches"
              + " from any authority unless its authority is given too.")
  @ApiResponse(responseCode = "200", description = "One page of study summaries")
  @ApiResponse(
      responseCode = "400",
      description = "An unknown value, a criterion without its partner, or a bad offset or limit")
  StudySummary.PageView search(
      @Parameter(description = "accession number") @RequestParam(required = false) String accession,
      @RequestParam(required = false) String patientAuthority,
      @RequestParam(required = false) String patientId,
      @RequestParam(required = false) EndToEndStatus.Kind status,
      @RequestParam(required = false) Track track,
      @Parameter(description = "a state of the given track, e.g. IMAGES_COMMITTED for IMAGING")
          @RequestParam(required = false)
          String state,
      @Parameter(description = "placer order number (ORC-2), from any authority unless given")
          @RequestParam(required = false)
          String placerOrder,
      @RequestParam(required = false) String placerOrderAuthority,
      @Parameter(description = "filler order number (ORC-3), from any authority unless given")
          @RequestParam(required = false)
          String fillerOrder,
      @RequestParam(required = false) String fillerOrderAuthority,
      @Parameter(
              description =
                  "a service slug, e.g. national-record: studies with a step there that is not"
                      + " finished (waiting, pending, running, suspended, or failed)")
          @RequestParam(required = false)
          String service,
      @Parameter(description = "studies created more than this many seconds ago")
          @RequestParam(required = false)
          Long olderThanSeconds,
      @RequestParam(defaultValue = "0") int offset,
      @Parameter(description = "1 to " + StudyQuery.MAX_LIMIT) @RequestParam(defaultValue = "50")
          int limit,
      Principal caller) {
    StudyQuery query =
        StudySearch.query(
            accession,
            patientAuthority,
            patientId,
            status,
            track,
            state,
            new StudySearch.MoreCriteria(
                placerOrder,
                placerOrderAuthority,
                fillerOrder,
                fillerOrderAuthority,
                service,
                olderThanSeconds),
            lifecycle.now(),
            offset,
            limit);
    if (patientId != null) {
      // who had which study is patient data; the names were checked (bounded) above
      reads.record(
          caller,
          "search-by-patient",
          "patient " + patientAuthority + "/" + patientId,
          "searched studies by patient");
    }
    return StudySummary.PageView.of(studies.search(query));
  }

  private Study find(StudyId id) {
    return studies.find(id).orElseThrow(() -> Problems.studyNotFound(id));
  }

  static URI location(StudyId id) {
    return URI.create("/api/v1/studies/" + id);
  }

  /** The stored command as JSON, or as the text it is should it not parse. */
  private Object command(String stored) {
    try {
      return json.readTree(stored);
    } catch (JacksonException e) {
      return stored;
    }
  }
}
