package org.radflow.ports;

import org.radflow.national.RemovalReason;

/** My Health Record, the national record, where finalised reports are published. */
public interface NationalRecordPort {

  /**
   * Uploads a document package (a {@code national.DocumentPackage} as JSON), sent unchanged; Done
   * with the document id. A package that names {@code supersedes} replaces that document. Rejected
   * {@code DUPLICATE_DOCUMENT} when the same package is already there (the upload happened), {@code
   * DOCUMENT_NOT_CURRENT} when the document to replace was superseded or removed, {@code
   * IHI_NOT_VERIFIED} when the patient's IHI is missing or refused.
   */
  PortOutcome upload(CallContext context, byte[] documentPackage);

  /** Removes an uploaded document; Done with the document id, also when it was removed already. */
  PortOutcome remove(CallContext context, String documentId, RemovalReason reason);
}
