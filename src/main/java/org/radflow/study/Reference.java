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

  /**
   * The raw message a transition arrived in (an HL7 v2 message in the blob store). Like {@link
   * Source#messageRef()} it names the transport attempt, not the business content: a re-send with a
   * new control ID is the same transition, so this kind is left out of fingerprints.
   */
  public static final String SOURCE_MESSAGE = "source-message";

  /**
   * The search keys for the patient's IHI lookup (Medicare or DVA number, IHI, demographics) as
   * radflow retains them: an encrypted blob, never a column. Taken from the message that carried
   * them, so like {@link #SOURCE_MESSAGE} it is left out of fingerprints: a re-send with a
   * corrected date of birth is the same order.
   */
  public static final String IDENTITY_SEARCH = "identity-search";

  public Reference {
    Require.text(kind, "reference.kind", 64);
    Require.text(uri, "reference.uri", 2048);
    if (contentHash != null && contentHash.length() > 256) {
      throw new IllegalArgumentException("reference.contentHash must be at most 256 characters");
    }
  }

  public boolean isOutsideFingerprint() {
    return SOURCE_MESSAGE.equals(kind) || IDENTITY_SEARCH.equals(kind);
  }
}
