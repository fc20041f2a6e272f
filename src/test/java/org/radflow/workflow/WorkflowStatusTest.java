package org.radflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.radflow.study.TransitionType.ACQUISITION_COMPLETED;
import static org.radflow.study.TransitionType.ACQUISITION_STARTED;
import static org.radflow.study.TransitionType.CHARGE_SEEDED;
import static org.radflow.study.TransitionType.CLAIM_ACCEPTED;
import static org.radflow.study.TransitionType.CLAIM_SUBMITTED;
import static org.radflow.study.TransitionType.FINANCIALLY_RECONCILED;
import static org.radflow.study.TransitionType.IDENTITY_REJECTED;
import static org.radflow.study.TransitionType.IDENTITY_VALIDATED;
import static org.radflow.study.TransitionType.IMAGES_COMMITTED;
import static org.radflow.study.TransitionType.PROCEDURE_SCHEDULED;
import static org.radflow.study.TransitionType.PUBLICATION_SUSPENDED;
import static org.radflow.study.TransitionType.PUBLICATION_WITHHELD;
import static org.radflow.study.TransitionType.REPORT_FINALISED;
import static org.radflow.study.TransitionType.REPORT_PUBLISHED;
import static org.radflow.study.TransitionType.STUDY_CANCELLED;
import static org.radflow.workflow.Studies.scheduledThrough;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.radflow.study.EndToEndStatus;
import org.radflow.study.EndToEndStatus.Kind;
import org.radflow.study.Study;
import org.radflow.workflow.WorkflowStatus.OpenStep;

/** The study's status refined by its open steps: which service is being called, or is down. */
class WorkflowStatusTest {

  /** Booked and scanning: the model says ACTIVE, awaiting no service. */
  private static Study active() {
    Study study = scheduledThrough(IDENTITY_VALIDATED, PROCEDURE_SCHEDULED, ACQUISITION_STARTED);
    assertThat(study.status().kind()).isEqualTo(Kind.ACTIVE);
    return study;
  }

  private static final List<OpenStep> BUSY =
      List.of(
          new OpenStep(StepKind.SUBMIT_CLAIM, StepStatus.PENDING),
          new OpenStep(StepKind.PUBLISH_REPORT, StepStatus.SUSPENDED),
          new OpenStep(StepKind.RESERVE_SLOT, StepStatus.RUNNING));

  static Stream<Arguments> studies_whose_status_outranks_their_steps() {
    return Stream.of(
        Arguments.of("in exception", scheduledThrough(IDENTITY_REJECTED), Kind.IN_EXCEPTION),
        Arguments.of(
            "cancelled",
            scheduledThrough(IDENTITY_VALIDATED, PROCEDURE_SCHEDULED, STUDY_CANCELLED),
            Kind.CANCELLED),
        Arguments.of(
            "financially complete",
            scheduledThrough(
                IDENTITY_VALIDATED,
                PROCEDURE_SCHEDULED,
                ACQUISITION_STARTED,
                ACQUISITION_COMPLETED,
                IMAGES_COMMITTED,
                REPORT_FINALISED,
                REPORT_PUBLISHED,
                CHARGE_SEEDED,
                CLAIM_SUBMITTED,
                CLAIM_ACCEPTED,
                FINANCIALLY_RECONCILED),
            Kind.FINANCIALLY_COMPLETE),
        Arguments.of(
            "publication suspended",
            scheduledThrough(
                IDENTITY_VALIDATED,
                PROCEDURE_SCHEDULED,
                ACQUISITION_STARTED,
                ACQUISITION_COMPLETED,
                IMAGES_COMMITTED,
                REPORT_FINALISED,
                PUBLICATION_SUSPENDED),
            Kind.SUSPENDED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("studies_whose_status_outranks_their_steps")
  void what_needs_a_person_or_is_over_outranks_work_in_flight(
      String name, Study study, Kind expected) {
    EndToEndStatus status = WorkflowStatus.of(study, BUSY);

    assertThat(status.kind()).isEqualTo(expected);
    assertThat(status).isEqualTo(study.status());
  }

  @Test
  void a_suspended_step_suspends_the_study_on_its_service_ahead_of_steps_in_flight() {
    List<OpenStep> steps =
        List.of(
            new OpenStep(StepKind.CREATE_WORKLIST_ENTRY, StepStatus.PENDING),
            new OpenStep(StepKind.RESERVE_SLOT, StepStatus.SUSPENDED));

    EndToEndStatus status = WorkflowStatus.of(active(), steps);

    assertThat(status.kind()).isEqualTo(Kind.SUSPENDED);
    assertThat(status.waitingOn()).isEqualTo(Service.SCHEDULING.slug());
    assertThat(status.reasons())
        .singleElement()
        .asString()
        .contains("RESERVE_SLOT", Service.SCHEDULING.description());
  }

  @Test
  void a_suspended_identity_lookup_turns_waiting_on_identity_into_suspended_on_it() {
    Study ordered = scheduledThrough();
    assertThat(ordered.status().kind()).isEqualTo(Kind.WAITING);

    EndToEndStatus status =
        WorkflowStatus.of(
            ordered, List.of(new OpenStep(StepKind.VALIDATE_IDENTITY, StepStatus.SUSPENDED)));

    assertThat(status.kind()).isEqualTo(Kind.SUSPENDED);
    assertThat(status.waitingOn()).isEqualTo(EndToEndStatus.IDENTITY);
  }

  static Stream<Arguments> forward_steps_in_flight() {
    return Stream.of(StepKind.values())
        .filter(k -> k.role() == StepKind.Role.FORWARD)
        .flatMap(
            k ->
                Stream.of(
                    Arguments.of(k, StepStatus.PENDING), Arguments.of(k, StepStatus.RUNNING)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("forward_steps_in_flight")
  void a_forward_step_in_flight_makes_the_study_wait_on_its_service(
      StepKind kind, StepStatus stepStatus) {
    EndToEndStatus status = WorkflowStatus.of(active(), List.of(new OpenStep(kind, stepStatus)));

    Service service = kind.service().orElseThrow();
    assertThat(status.kind()).isEqualTo(Kind.WAITING);
    assertThat(status.waitingOn()).isEqualTo(service.slug());
    assertThat(status.reasons()).singleElement().asString().contains(kind.name());
  }

  @Test
  void a_step_waiting_for_its_turn_in_an_undo_chain_is_not_in_flight() {
    Study study = active();

    assertThat(
            WorkflowStatus.of(
                study, List.of(new OpenStep(StepKind.RELEASE_SLOT, StepStatus.WAITING))))
        .isEqualTo(study.status());
  }

  @ParameterizedTest
  @EnumSource(
      value = StepKind.class,
      names = {"IMAGES_COMMIT_DEADLINE", "REPORT_TURNAROUND_DEADLINE", "CLAIM_RESPONSE_DEADLINE"})
  void timers_alone_change_nothing(StepKind timer) {
    Study acquired =
        scheduledThrough(
            IDENTITY_VALIDATED, PROCEDURE_SCHEDULED, ACQUISITION_STARTED, ACQUISITION_COMPLETED);
    for (Study study : List.of(active(), acquired)) {
      for (StepStatus open :
          List.of(StepStatus.PENDING, StepStatus.RUNNING, StepStatus.SUSPENDED)) {
        assertThat(WorkflowStatus.of(study, List.of(new OpenStep(timer, open))))
            .as("%s %s", timer, open)
            .isEqualTo(study.status());
      }
    }
  }

  @Test
  void no_open_steps_leave_the_models_status() {
    Study study = active();

    assertThat(WorkflowStatus.of(study, List.of())).isEqualTo(study.status());
  }

  @Test
  void a_report_withheld_from_the_national_record_stays_said_while_a_service_is_called() {
    Study study =
        scheduledThrough(
            IDENTITY_VALIDATED,
            PROCEDURE_SCHEDULED,
            ACQUISITION_STARTED,
            ACQUISITION_COMPLETED,
            IMAGES_COMMITTED,
            PUBLICATION_WITHHELD,
            REPORT_FINALISED,
            CHARGE_SEEDED);

    EndToEndStatus status =
        WorkflowStatus.of(study, List.of(new OpenStep(StepKind.SUBMIT_CLAIM, StepStatus.RUNNING)));

    assertThat(status.kind()).isEqualTo(Kind.WAITING);
    assertThat(status.waitingOn()).isEqualTo("billing");
    assertThat(status.reasons())
        .contains("the report is not sent to the national record: the patient withdrew consent");
  }
}
