package org.radflow.national;

import java.net.URI;
import java.util.Optional;
import org.radflow.blob.BlobException;
import org.radflow.blob.BlobRef;
import org.radflow.blob.EncryptingBlobStore;
import org.radflow.lifecycle.StepPayloads;
import org.radflow.study.Study;
import org.radflow.workflow.StepKind;

/**
 * Retains each national step's request in the encrypted blob store when the step is written, so
 * that what is sent after an outage is what was signed, not what the study says by then.
 *
 * <ul>
 *   <li>A lookup retains the search keys the message carried: the blob the inbound channel stored
 *       before the study changed (nothing is written again here).
 *   <li>An upload retains its document package, written here.
 * </ul>
 *
 * The blob is named by the SHA-256 of its content and sealed under the keyring's active key; the
 * step records the name, the key id and the size, never the content.
 */
public final class RetainedRequests implements StepPayloads {

  private final EncryptingBlobStore blobs;
  private final NationalRequests requests;

  public RetainedRequests(EncryptingBlobStore blobs, NationalRequests requests) {
    this.blobs = blobs;
    this.requests = requests;
  }

  @Override
  public Optional<Retained> retain(StepKind kind, Study study, String target) {
    return switch (kind) {
      case VALIDATE_IDENTITY -> study.identitySearch().flatMap(this::alreadyStored);
      case PUBLISH_REPORT, SUPERSEDE_REPORT ->
          requests.upload(kind, study).map(p -> store(p.toJson()));
      default -> Optional.empty();
    };
  }

  /** Stores {@code request} and says where; also for a request re-bound before it is sent. */
  public Retained store(byte[] request) {
    EncryptingBlobStore.Sealed sealed = blobs.putSealed(request);
    return new Retained(sealed.sha256(), sealed.keyId(), sealed.size());
  }

  /**
   * The search keys the study holds; none when they were purged with the last step that used them
   * (the lookup then searches by the local record, and an ADT^A08 brings the keys back).
   */
  private Optional<Retained> alreadyStored(String uri) {
    String sha256 = BlobRef.hashOf(URI.create(uri));
    try {
      EncryptingBlobStore.Sealed sealed = blobs.sealed(sha256);
      return Optional.of(new Retained(sha256, sealed.keyId(), sealed.size()));
    } catch (BlobException.NotFound purged) {
      return Optional.empty();
    }
  }
}
