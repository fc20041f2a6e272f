package org.radflow.ports;

/** The scheduling system, which holds a modality slot for each study. */
public interface SchedulingPort {

  /** Done with the slot id as {@code externalRef}. */
  PortOutcome reserveSlot(
      CallContext context, String accession, String patientId, String procedure);

  /** Undoes {@link #reserveSlot}; Done with the slot id, also when it was released already. */
  PortOutcome releaseSlot(CallContext context, String slotId);
}
