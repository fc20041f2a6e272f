package org.radflow.hl7;

import org.radflow.blob.BlobRef;

/**
 * Where a message answered AR is kept, with its reason, until a person reprocesses or discards it.
 */
public interface Hl7DeadLetters {

  /**
   * Keeps the letter durably before it returns; throws when it cannot (the sender gets AE).
   *
   * @param accession the study the message was for, when known
   */
  void keep(
      String peer,
      MessageHeader header,
      BlobRef raw,
      Hl7Rejection rejection,
      String reason,
      String accession);
}
