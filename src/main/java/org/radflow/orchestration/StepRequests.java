package org.radflow.orchestration;

import java.time.Duration;
import java.util.Optional;
import org.radflow.blob.BlobException;
import org.radflow.blob.BlobStore;
import org.radflow.national.NationalRequests;
import org.radflow.national.RetainedRequests;

/**
 * Where the national steps' requests come from: the blob store that holds what each step retained
 * when it was written, and the builder for a request that was not retained (a node without a blob
 * store, a lookup whose messages carried no search keys).
 *
 * @param retained the blob store the retained requests are in; empty when nothing is retained
 * @param retainer stores a request re-bound to a new IHI or document; empty with {@code retained}
 * @param keepFor how long a retained request is kept after its step succeeded
 * @param purgeEvery how often requests past {@code keepFor} are purged
 */
public record StepRequests(
    Optional<BlobStore> retained,
    Optional<RetainedRequests> retainer,
    NationalRequests builder,
    Duration keepFor,
    Duration purgeEvery) {

  /** Nothing retained: every request is built when its step runs. */
  public static StepRequests builtWhenRun(NationalRequests builder) {
    return new StepRequests(
        Optional.empty(), Optional.empty(), builder, Duration.ofDays(7), Duration.ofMinutes(10));
  }

  /**
   * The bytes a step retained.
   *
   * @throws BlobException when they cannot be read (a key missing from the keyring, a purged or
   *     damaged blob, the store unavailable)
   */
  byte[] read(String blobRef) {
    return retained
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "step retained " + blobRef + " but no blob store is configured"))
        .get(blobRef);
  }
}
