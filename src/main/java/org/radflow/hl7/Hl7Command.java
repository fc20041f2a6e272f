package org.radflow.hl7;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.radflow.lifecycle.StudyDraft;
import org.radflow.lifecycle.TransitionDraft;
import org.radflow.study.PatientRef;
import org.radflow.study.Reference;

/** One thing a message asks of radflow. A message may carry several (one per order group). */
sealed interface Hl7Command {

  /** One function per kind of command, so the compiler asks again when a kind is added. */
  default <T> T fold(
      Function<? super Open, ? extends T> open,
      Function<? super Arrive, ? extends T> arrive,
      Function<? super Merge, ? extends T> merge,
      Function<? super PatientUpdated, ? extends T> patientUpdated) {
    return fold(new Cases<T>(open, arrive, merge, patientUpdated));
  }

  /** What to do with each kind, one function apiece. */
  record Cases<T>(
      Function<? super Open, ? extends T> open,
      Function<? super Arrive, ? extends T> arrive,
      Function<? super Merge, ? extends T> merge,
      Function<? super PatientUpdated, ? extends T> patientUpdated) {}

  <T> T fold(Cases<T> cases);

  /** A new order opens a study (ORM/OMI order control NW). */
  record Open(StudyDraft study) implements Hl7Command {
    @Override
    public <T> T fold(Cases<T> cases) {
      return cases.open().apply(this);
    }
  }

  /**
   * A transition of the study the message names (by accession or order number). {@code join}: how
   * an unknown study joins late; when empty, {@code unknownReason} says what must arrive first.
   */
  record Arrive(
      Correlation study,
      TransitionDraft transition,
      Optional<StudyDraft> join,
      String unknownReason)
      implements Hl7Command {
    @Override
    public <T> T fold(Cases<T> cases) {
      return cases.arrive().apply(this);
    }
  }

  /** ADT^A40: the retired identity's studies move to the survivor. */
  record Merge(
      PatientRef retired, PatientRef surviving, Instant businessTime, String source, String actor)
      implements Hl7Command {
    @Override
    public <T> T fold(Cases<T> cases) {
      return cases.merge().apply(this);
    }
  }

  /**
   * ADT^A04/A08: the patient's details were registered or corrected, so an identity check that
   * failed for them is worth asking again. {@code contentDigest} names the details sent (PID and
   * PD1), so the same details re-sent are told from new ones.
   */
  /**
   * @param statedIhi the IHI the PID names ({@code …^^^AUSHIC^NI}), if it names one
   * @param searchKeys the PID's search keys, retained, when it has the demographics for them
   */
  record PatientUpdated(
      PatientRef patient,
      String contentDigest,
      String actor,
      String reason,
      Optional<String> statedIhi,
      Optional<Reference> searchKeys)
      implements Hl7Command {
    @Override
    public <T> T fold(Cases<T> cases) {
      return cases.patientUpdated().apply(this);
    }
  }
}
