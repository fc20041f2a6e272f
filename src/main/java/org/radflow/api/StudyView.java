package org.radflow.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.radflow.study.AdministrativeState;
import org.radflow.study.Attestation;
import org.radflow.study.ClinicalState;
import org.radflow.study.DistributionState;
import org.radflow.study.EndToEndStatus;
import org.radflow.study.EntryKind;
import org.radflow.study.HeldTransition;
import org.radflow.study.ImagingState;
import org.radflow.study.OpenException;
import org.radflow.study.Study;
import org.radflow.study.Track;
import org.radflow.study.TrackState;
import org.radflow.study.TransitionType;

/** One study as the API shows it: where each track is, why, what it owes and what waits. */
@Schema(name = "Study")
public record StudyView(
    String id,
    String assigningAuthority,
    String accessionNumber,
    PatientJson patient,
    EntryKind entryKind,
    Tracks tracks,
    Status status,
    @Schema(description = "obligations the study has not met yet") List<ObligationView> obligations,
    @Schema(description = "what each track reached, and whether radflow saw it or was told")
        List<FactView> facts,
    @Schema(description = "early events waiting for their prerequisite") List<HeldView> held,
    @Schema(description = "open items in the exception lane") List<ExceptionView> exceptions,
    Map<String, String> attributes,
    @Schema(description = "patient identities merged into this study's patient")
        List<PatientJson> mergedFrom,
    @Schema(description = "how many changes the history holds; the ETag") long version,
    Instant createdAt,
    Instant updatedAt) {

  public record Tracks(
      ClinicalState clinical,
      ImagingState imaging,
      AdministrativeState administrative,
      DistributionState distribution) {

    static Tracks of(Study study) {
      return new Tracks(
          study.clinical(), study.imaging(), study.administrative(), study.distribution());
    }
  }

  public record Status(EndToEndStatus.Kind kind, String waitingOn, List<String> reasons) {

    static Status of(EndToEndStatus status) {
      return new Status(status.kind(), status.waitingOn(), status.reasons());
    }
  }

  @Schema(name = "Obligation")
  public record ObligationView(String name, String description) {}

  /** A state of one track. */
  public record StateRef(Track track, String state) {

    static StateRef of(TrackState state) {
      return new StateRef(state.track(), state.name());
    }
  }

  @Schema(name = "Fact")
  public record FactView(
      Track track, String state, Attestation attestation, Instant businessTime) {}

  @Schema(name = "Held")
  public record HeldView(
      TransitionType type,
      String idempotencyKey,
      @Schema(description = "the state it waits for") StateRef awaiting,
      @Schema(description = "after this the study goes to the exception lane") Instant deadline,
      Instant businessTime) {

    static HeldView of(HeldTransition held) {
      return new HeldView(
          held.transition().type(),
          held.transition().idempotencyKey(),
          StateRef.of(held.awaiting()),
          held.deadline(),
          held.transition().businessTime());
    }
  }

  @Schema(name = "OpenException")
  public record ExceptionView(
      @Schema(
              description =
                  "the exception's id within the study: the history position that opened it")
          long id,
      OpenException.Kind kind,
      String reason,
      Instant openedAt,
      @Schema(description = "the orchestration step it concerns, if any") String step) {}

  public static StudyView of(Study study) {
    return of(study, study.status());
  }

  /** With the status refined by the study's open steps ({@code WorkflowStatus}). */
  public static StudyView of(Study study, EndToEndStatus status) {
    return new StudyView(
        study.id().toString(),
        study.businessKey().assigningAuthority(),
        study.businessKey().accessionNumber(),
        PatientJson.of(study.patient()),
        study.entryKind(),
        Tracks.of(study),
        Status.of(status),
        study.openObligations().stream()
            .map(o -> new ObligationView(o.name(), o.description()))
            .toList(),
        study.facts().stream()
            .map(
                f ->
                    new FactView(
                        f.state().track(), f.state().name(), f.attestation(), f.businessTime()))
            .toList(),
        study.held().stream().map(HeldView::of).toList(),
        study.exceptions().stream()
            .map(e -> new ExceptionView(e.id(), e.kind(), e.reason(), e.openedAt(), e.step()))
            .toList(),
        new TreeMap<>(study.attributes()),
        study.mergedFrom().stream().map(PatientJson::of).toList(),
        study.version(),
        study.createdAt(),
        study.updatedAt());
  }
}
