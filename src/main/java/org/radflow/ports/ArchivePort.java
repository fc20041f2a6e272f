package org.radflow.ports;

/** The image archive, which confirms that a study's images are safely stored. */
public interface ArchivePort {

  /**
   * Done with the accession as {@code externalRef}, {@code data.committed} {@code "true"} or {@code
   * "false"} (not yet: ask again later), and {@code data.instances}, the image count.
   */
  PortOutcome storageCommitment(CallContext context, String accession);
}
