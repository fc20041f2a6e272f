package org.radflow.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.radflow.study.BusinessKey;
import org.radflow.study.OrderNumber;
import org.radflow.study.PatientRef;
import org.radflow.study.Study;
import org.radflow.study.StudyId;

/**
 * What adapters may read of studies: committed state only, never a way to change it. Commands go
 * through {@link StudyLifecycle}, the one front door; reads need no door of their own. Implemented
 * by the {@link StudyStore}.
 */
public interface StudyReads {

  Optional<Study> find(StudyId id);

  Optional<Study> findByBusinessKey(BusinessKey key);

  /** The id of the study with this business key, without reading the study itself. */
  Optional<StudyId> idOf(BusinessKey key);

  /**
   * The id of the study that holds this order number in this role (placer: ORC-2, filler: ORC-3). A
   * study holds the first number it was given in each role, by its creation or by a transition that
   * carried it, unless another study held that number already; empty when none does.
   */
  Optional<StudyId> idOfOrder(OrderNumber.Role role, OrderNumber number);

  /** The complete history of a study, oldest first; empty for an unknown study. */
  List<HistoryEntry> history(StudyId id);

  /** Studies matching every present criterion, newest first. */
  Page<Study> search(StudyQuery query);

  /**
   * How many studies are in each end-to-end status and each track state, how many were opened since
   * {@code since}, and how many completed since then (as {@link StudyCounts} defines it). Served by
   * indexes, not by reading the studies themselves.
   */
  StudyCounts counts(Instant since);

  /**
   * The samples of studies per status taken at or after {@code since}, oldest first, one per minute
   * sampled ({@link StudyStore#sampleStatuses}); as many as the retention kept.
   */
  List<StatusSample> statusSamples(Instant since);

  /** Ids of every study that currently belongs to the patient. */
  List<StudyId> studiesOfPatient(PatientRef patient);

  /** The identity a patient lives on as after every recorded merge; itself if never retired. */
  PatientRef survivorOf(PatientRef patient);

  /** Recorded idempotency conflicts of a study, oldest first. */
  List<IdempotencyConflict> conflicts(StudyId id);
}
