package org.radflow.blob;

/**
 * A blob store that keeps the content as it is, named by its own SHA-256: {@link #put} hashes and
 * writes only what is missing; {@link #get} checks what it reads against the name. Subclasses say
 * where the bytes go; the same subclass serves {@link EncryptingBlobStore} as its backend.
 */
public abstract class ContentAddressedStore implements BlobStore, BlobBackend {

  @Override
  public final BlobRef put(byte[] content) {
    BlobRef ref = BlobRef.of(content);
    if (!exists(ref.sha256())) { // the same content is one blob: stored once
      write(ref.sha256(), content);
    }
    return ref;
  }

  @Override
  public final byte[] get(String sha256) {
    return Sha256.verified(sha256, read(BlobRef.requireName(sha256)));
  }
}
