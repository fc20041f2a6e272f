package org.radflow.metrics.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.radflow.lifecycle.jdbc.Commands.at;
import static org.radflow.lifecycle.jdbc.Commands.study;
import static org.radflow.lifecycle.jdbc.Commands.transition;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.radflow.blob.BlobRef;
import org.radflow.db.StoreOnFreshDatabase;
import org.radflow.deadletter.ErrorCode;
import org.radflow.deadletter.NewDeadLetter;
import org.radflow.lifecycle.ApplyResult;
import org.radflow.lifecycle.CreateResult;
import org.radflow.metrics.WorkFigureReads;
import org.radflow.metrics.WorkFigures;
import org.radflow.orchestration.StepRecord;
import org.radflow.study.StudyId;
import org.radflow.study.TransitionType;
import org.radflow.workflow.StepKind;

/**
 * The figures of {@link WorkFigureReads} on every database, each from studies, steps and dead
 * letters written as radflow writes them. Every time is passed in.
 */
abstract class WorkFigureReadsContractTest extends StoreOnFreshDatabase {

  private static final BlobRef RAW = new BlobRef("0".repeat(64), 10);

  private WorkFigureReads reads;

  @BeforeEach
  void reads() {
    reads = new JdbcWorkFigureReads(stores.database());
  }

  @Test
  void an_empty_database_has_nothing_in_hand_and_the_figures_carry_when_they_were_read() {
    assertThat(reads.read(at(0))).isEqualTo(new WorkFigures(0, 0, 0, at(0)));
  }

  @Test
  void a_study_is_overdue_from_its_report_turnaround_deadline_until_its_report_is_final() {
    StudyId id = imagesCommitted("ACC-LATE", 10);
    Instant deadline = reportDeadline(id);

    assertThat(reads.read(deadline.minusSeconds(1)).reportsOverdue()).isZero();
    assertThat(reads.read(deadline).reportsOverdue()).isEqualTo(1);

    apply(id, transition(TransitionType.REPORT_PRELIMINARY, "prelim", 20));
    assertThat(reads.read(deadline).reportsOverdue()).as("a preliminary report").isEqualTo(1);

    apply(id, transition(TransitionType.REPORT_FINALISED, "final", 30));
    assertThat(reads.read(deadline.plusSeconds(86_400)).reportsOverdue()).isZero();
  }

  @Test
  void only_studies_still_awaiting_their_report_count_as_overdue() {
    StudyId waiting = imagesCommitted("ACC-WAITING", 10);
    imagesCommitted("ACC-LATER", 600); // its deadline is still ahead
    created("ACC-NOT-IMAGED"); // no images, no deadline
    StudyId cancelled = imagesCommitted("ACC-CANCELLED", 10);
    apply(cancelled, transition(TransitionType.STUDY_CANCELLED, "cancel", 11));
    StudyId reported = imagesCommitted("ACC-REPORTED", 10);
    apply(reported, transition(TransitionType.REPORT_FINALISED, "final", 12));

    Instant deadline = reportDeadline(waiting);
    assertThat(reportDeadline(cancelled))
        .as("the cancelled study's timer stays")
        .isEqualTo(deadline);
    assertThat(reads.read(deadline).reportsOverdue()).isEqualTo(1);
  }

  @Test
  void the_exception_lane_counts_studies_with_an_open_exception() {
    StudyId first = created("ACC-EXC-1");
    StudyId second = created("ACC-EXC-2");
    created("ACC-FINE");
    raise(first, "exc-1", 5);
    raise(first, "exc-2", 6);
    raise(second, "exc-3", 7);

    assertThat(reads.read(at(10)).exceptionLane()).as("studies, not exceptions").isEqualTo(2);
  }

  @Test
  void open_dead_letters_are_counted_until_discarded() {
    long kept = keep("CTRL-1");
    keep("CTRL-2");
    assertThat(reads.read(at(10)).openDeadLetters()).isEqualTo(2);

    stores.deadLetters().discardDeadLetter(kept, "operator", "sent again fixed", at(11));
    assertThat(reads.read(at(12)).openDeadLetters()).isEqualTo(1);
  }

  private StudyId created(String accession) {
    return assertInstanceOf(
            CreateResult.Created.class, stores.studies().create(study(accession).build()))
        .study()
        .id();
  }

  private StudyId imagesCommitted(String accession, int minutes) {
    StudyId id = created(accession);
    apply(id, transition(TransitionType.ACQUISITION_STARTED, accession + "-start", minutes));
    apply(id, transition(TransitionType.ACQUISITION_COMPLETED, accession + "-done", minutes));
    apply(id, transition(TransitionType.IMAGES_COMMITTED, accession + "-commit", minutes));
    return id;
  }

  private Instant reportDeadline(StudyId id) {
    List<StepRecord> timers =
        stores.steps().steps(id).stream()
            .filter(s -> s.kind() == StepKind.REPORT_TURNAROUND_DEADLINE)
            .toList();
    assertThat(timers).as("the timer the committed images started").hasSize(1);
    return timers.get(0).dueAt();
  }

  private void raise(StudyId id, String key, int minutes) {
    apply(
        id,
        transition(
            TransitionType.EXCEPTION_RAISED,
            key,
            minutes,
            Map.of("kind", "STEP_FAILED", "reason", "the service refused"),
            List.of()));
  }

  private void apply(StudyId id, org.radflow.study.Transition transition) {
    assertInstanceOf(ApplyResult.Committed.class, stores.studies().apply(id, transition, null));
  }

  private long keep(String controlId) {
    return stores
        .deadLetters()
        .recordDeadLetter(
            new NewDeadLetter(
                "hl7-mllp",
                at(1),
                "10.0.0.1",
                "SIU^S12",
                controlId,
                "RIS",
                null,
                ErrorCode.UNKNOWN_STUDY,
                "no study with this accession",
                RAW));
  }
}
