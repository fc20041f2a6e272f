package org.radflow.workflow;

import java.time.Duration;
import java.util.Optional;

/**
 * Every step radflow runs: the forward calls, their undos, and the durable timers. Each declares
 * the service it calls (none for a timer), its undo, and how long one call may take.
 */
public enum StepKind {
  VALIDATE_IDENTITY(Service.IDENTITY, Role.FORWARD),
  RESERVE_SLOT(Service.SCHEDULING, Role.FORWARD),
  CREATE_WORKLIST_ENTRY(Service.WORKLIST, Role.FORWARD),
  CONFIRM_STORAGE_COMMITMENT(Service.IMAGE_ARCHIVE, Role.FORWARD),
  PUBLISH_REPORT(Service.NATIONAL_RECORD, Role.FORWARD),
  SUPERSEDE_REPORT(Service.NATIONAL_RECORD, Role.FORWARD),
  /**
   * Removes the study's document from the national record because it was filed under the wrong
   * patient (a merge moved the study); the report is published again for the surviving patient.
   */
  REMOVE_MISFILED_DOCUMENT(Service.NATIONAL_RECORD, Role.FORWARD),
  SEED_CHARGE(Service.BILLING, Role.FORWARD),
  SUBMIT_CLAIM(Service.BILLING, Role.FORWARD),
  FETCH_CLAIM_ANSWER(Service.BILLING, Role.FORWARD),
  RECONCILE(Service.BILLING, Role.FORWARD),

  RELEASE_SLOT(Service.SCHEDULING, Role.UNDO),
  REMOVE_WORKLIST_ENTRY(Service.WORKLIST, Role.UNDO),
  REMOVE_DOCUMENT(Service.NATIONAL_RECORD, Role.UNDO),
  REVERSE_CHARGE(Service.BILLING, Role.UNDO),

  IMAGES_COMMIT_DEADLINE(null, Role.TIMER),
  REPORT_TURNAROUND_DEADLINE(null, Role.TIMER),
  CLAIM_RESPONSE_DEADLINE(null, Role.TIMER);

  /** What a step is for. */
  public enum Role {
    /** Moves the study forward at an external system. */
    FORWARD,
    /** Undoes a completed forward step's external effect. */
    UNDO,
    /** Fires once at its due time and checks that something happened. */
    TIMER
  }

  private final Service service;
  private final Role role;

  StepKind(Service service, Role role) {
    this.service = service;
    this.role = role;
  }

  /** The external system this step calls; empty for a timer. */
  public Optional<Service> service() {
    return Optional.ofNullable(service);
  }

  public Role role() {
    return role;
  }

  public boolean isTimer() {
    return role == Role.TIMER;
  }

  public boolean isUndo() {
    return role == Role.UNDO;
  }

  /** The step that undoes this one's external effect; empty when it leaves none to undo. */
  public Optional<StepKind> undo() {
    return Optional.ofNullable(
        switch (this) {
          case RESERVE_SLOT -> RELEASE_SLOT;
          case CREATE_WORKLIST_ENTRY -> REMOVE_WORKLIST_ENTRY;
          case PUBLISH_REPORT, SUPERSEDE_REPORT -> REMOVE_DOCUMENT;
          case SEED_CHARGE -> REVERSE_CHARGE;
          default -> null;
        });
  }

  /** How long one call may take before it counts as a timeout. */
  public Duration callTimeout() {
    return switch (this) {
      case PUBLISH_REPORT, SUPERSEDE_REPORT, REMOVE_DOCUMENT, REMOVE_MISFILED_DOCUMENT ->
          Duration.ofSeconds(10);
      default -> Duration.ofSeconds(5);
    };
  }
}
