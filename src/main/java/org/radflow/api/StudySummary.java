package org.radflow.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.radflow.lifecycle.Page;
import org.radflow.study.EntryKind;
import org.radflow.study.Study;

/** A study in a search result: enough to pick it out; {@code GET /studies/{id}} has the rest. */
public record StudySummary(
    String id,
    String assigningAuthority,
    String accessionNumber,
    PatientJson patient,
    EntryKind entryKind,
    StudyView.Tracks tracks,
    StudyView.Status status,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  static StudySummary of(Study study) {
    return new StudySummary(
        study.id().toString(),
        study.businessKey().assigningAuthority(),
        study.businessKey().accessionNumber(),
        PatientJson.of(study.patient()),
        study.entryKind(),
        StudyView.Tracks.of(study),
        StudyView.Status.of(study.status()),
        study.version(),
        study.createdAt(),
        study.updatedAt());
  }

  /** One page of a search, newest study first. */
  @Schema(name = "StudyPage")
  public record PageView(
      List<StudySummary> items,
      @Schema(description = "how many studies match in all") long total,
      int offset,
      int limit) {

    public static PageView of(Page<Study> page) {
      return new PageView(
          page.items().stream().map(StudySummary::of).toList(),
          page.total(),
          page.offset(),
          page.limit());
    }
  }
}
