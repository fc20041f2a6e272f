package org.radflow.ports;

/** The national health record, where finalised reports are published. */
public interface NationalRecordPort {

  /** Done with the new document id as {@code externalRef}. */
  PortOutcome publish(CallContext context, String accession, String patientId, String reportRef);

  /**
   * Replaces a published document with an amended report; Done with the new document's id. Rejected
   * {@code DOCUMENT_NOT_CURRENT} when the document was superseded or removed already.
   */
  PortOutcome supersede(CallContext context, String documentId, String reportRef);

  /** Undoes {@link #publish}; Done with the document id, also when it was removed already. */
  PortOutcome remove(CallContext context, String documentId);
}
