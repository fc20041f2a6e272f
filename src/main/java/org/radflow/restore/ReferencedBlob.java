package org.radflow.restore;

import org.radflow.blob.BlobRef;

/**
 * One reference the database holds to a blob: the blob's name and the row that holds it, so an
 * operator can tell which study, step or dead letter a missing blob belongs to.
 *
 * @param sha256 the blob's name, 64 lowercase hex digits
 * @param holder the row, such as {@code study_history 5f0c…/3} or {@code step 9a1e…}
 */
public record ReferencedBlob(String sha256, String holder) {

  public ReferencedBlob {
    BlobRef.requireName(sha256);
    if (holder == null || holder.isBlank()) {
      throw new IllegalArgumentException("holder must name the row that holds the reference");
    }
  }
}
