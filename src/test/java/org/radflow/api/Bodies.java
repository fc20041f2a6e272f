package org.radflow.api;

import java.util.UUID;

/** Request bodies as a client writes them. Business times are explicit so re-sends match. */
public final class Bodies {

  public static final String BUSINESS_TIME = "2025-03-01T09:30:00Z";

  private Bodies() {}

  /** An authority no other test uses, so searches see only their own studies. */
  public static String uniqueAuthority() {
    return "T" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static String openStudy(String authority, String accession, String patientId) {
    return """
        {"assigningAuthority": "%s", "accessionNumber": "%s",
         "patient": {"assigningAuthority": "NHS", "id": "%s"},
         "businessTime": "%s",
         "source": {"system": "ris", "messageRef": "MSG-1"},

         "attributes": {"modality": "CT"},
         "references": [{"kind": "order", "uri": "blob://orders/%s"}]}
        """
        .formatted(authority, accession, patientId, BUSINESS_TIME, accession);
  }

  public static String lateJoin(
      String authority, String accession, String entryKind, String joinedAt) {
    return """
        {"assigningAuthority": "%s", "accessionNumber": "%s",
         "patient": {"assigningAuthority": "NHS", "id": "P-late"},
         "entryKind": "%s", "joinedAt": "%s",
         "businessTime": "%s",
         "source": {"system": "modality"}}
        """
        .formatted(authority, accession, entryKind, joinedAt, BUSINESS_TIME);
  }

  public static String transition(String type, String key) {
    return transition(type, key, "{}");
  }

  /**
   * A transition as a sender writes it. A report names its body in the blob store, as the national
   * record's document needs (the hash of "report " and the key: each report its own content).
   */
  public static String transition(String type, String key, String data) {
    String references =
        type.startsWith("REPORT_FINALISED") || type.startsWith("REPORT_AMENDED")
            ? ", \"references\": [{\"kind\": \"report\", \"uri\": \"blob://sha256/"
                + sha256("report " + key)
                + "\"}]"
            : "";
    return """
        {"type": "%s", "idempotencyKey": "%s", "businessTime": "%s",
         "source": {"system": "ris", "messageRef": "MSG-%s"},
         "data": %s%s}
        """
        .formatted(type, key, BUSINESS_TIME, UUID.randomUUID(), data, references);
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
