package org.radflow.restore;

import java.util.function.Consumer;

/** Every reference to a blob that the database holds and still needs the blob for. */
public interface BlobReferences {

  /**
   * Hands each reference to {@code each}, in pages, without holding them all in memory. A blob
   * referenced by several rows is handed once per row. Reads committed rows only; rows committed
   * while it runs may or may not be seen.
   *
   * @throws org.radflow.db.StoreException when the database fails
   */
  void forEach(Consumer<ReferencedBlob> each);
}
