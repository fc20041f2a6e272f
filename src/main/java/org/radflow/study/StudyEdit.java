package org.radflow.study;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A study being changed: the fields a change may touch, copied from the study it starts from and
 * assembled into the next one. Identity, entry kind and creation never change.
 */
final class StudyEdit {
  private final Study from;
  PatientRef patient;
  ClinicalState clinical;
  ImagingState imaging;
  AdministrativeState administrative;
  DistributionState distribution;
  List<Fact> facts;
  List<HeldTransition> held;
  List<OpenException> exceptions;
  List<PatientRef> mergedFrom;
  boolean compensationRequested;
  Map<String, String> attributes;
  long version;
  Instant updatedAt;

  StudyEdit(Study from) {
    this.from = from;
    patient = from.patient();
    clinical = from.clinical();
    imaging = from.imaging();
    administrative = from.administrative();
    distribution = from.distribution();
    facts = from.facts();
    held = from.held();
    exceptions = from.exceptions();
    mergedFrom = from.mergedFrom();
    compensationRequested = from.compensationRequested();
    attributes = from.attributes();
    version = from.version();
    updatedAt = from.updatedAt();
  }

  void enter(TrackState state) {
    if (state instanceof ClinicalState c) {
      clinical = c;
    } else if (state instanceof ImagingState i) {
      imaging = i;
    } else if (state instanceof AdministrativeState a) {
      administrative = a;
    } else {
      distribution = (DistributionState) state;
    }
  }

  Study build() {
    return new Study(
        from.id(),
        from.businessKey(),
        patient,
        from.entryKind(),
        clinical,
        imaging,
        administrative,
        distribution,
        attributes,
        facts,
        held,
        exceptions,
        mergedFrom,
        compensationRequested,
        version,
        from.createdAt(),
        updatedAt);
  }
}
