package org.radflow.study;

/**
 * A pointer to content that lives elsewhere (blob store, archive, import job): workflow state
 * carries references, never binaries.
 *
 * @param kind what the reference points at, e.g. {@code report-document}, {@code manifest}
 * @param uri where it lives
 * @param contentHash optional digest such as {@code sha256:…}
 */
public record Reference(String kind, String uri, String contentHash) {
  public Reference {
    Require.text(kind, "reference.kind", 64);
    Require.text(uri, "reference.uri", 2048);
    if (contentHash != null && contentHash.length() > 256) {
      throw new IllegalArgumentException("reference.contentHash must be at most 256 characters");
    }
  }
}
