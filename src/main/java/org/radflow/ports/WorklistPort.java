package org.radflow.ports;

/** The modality worklist, from which the modality learns what to image. */
public interface WorklistPort {

  /** Done with the worklist entry id as {@code externalRef}. */
  PortOutcome createEntry(
      CallContext context, String accession, String patientId, String procedure);

  /** Undoes {@link #createEntry}; Done with the entry id, also when it was removed already. */
  PortOutcome removeEntry(CallContext context, String entryId);
}
