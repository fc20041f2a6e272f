package org.radflow.api;

import java.util.UUID;

/** Request bodies as a client writes them. Business times are explicit so re-sends match. */
final class Bodies {

  static final String BUSINESS_TIME = "2025-03-01T09:30:00Z";

  private Bodies() {}

  /** An authority no other test uses, so searches see only their own studies. */
  static String uniqueAuthority() {
    return "T" + UUID.randomUUID().toString().substring(0, 8);
  }

  static String openStudy(String authority, String accession, String patientId) {
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

  static String lateJoin(String authority, String accession, String entryKind, String joinedAt) {
    return """
        {"assigningAuthority": "%s", "accessionNumber": "%s",
         "patient": {"assigningAuthority": "NHS", "id": "P-late"},
         "entryKind": "%s", "joinedAt": "%s",
         "businessTime": "%s",
         "source": {"system": "modality"}}
        """
        .formatted(authority, accession, entryKind, joinedAt, BUSINESS_TIME);
  }

  static String transition(String type, String key) {
    return transition(type, key, "{}");
  }

  static String transition(String type, String key, String data) {
    return """
        {"type": "%s", "idempotencyKey": "%s", "businessTime": "%s",
         "source": {"system": "ris", "messageRef": "MSG-%s"},
         "data": %s}
        """
        .formatted(type, key, BUSINESS_TIME, UUID.randomUUID(), data);
  }
}
