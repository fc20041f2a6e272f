package org.radflow.study;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The latest version of a study's report, as the document radflow publishes needs it: where its
 * body is (a blob reference, never the text), who wrote it, when, and which change of the history
 * wrote it. The version's history position names the document, so the same version is always the
 * same document.
 *
 * @param seq the history position of the change that wrote this version
 * @param number 1 for the first final report, one more for each amendment
 * @param body the report body's reference ({@code blob://sha256/…}), or {@code null} when the
 *     sender gave none
 * @param author the reporting radiologist's identifier, or {@code null}
 * @param authorName the radiologist's name as the sender gave it, or {@code null}
 * @param writtenAt the report's business time
 */
public record ReportVersion(
    long seq, int number, String body, String author, String authorName, Instant writtenAt) {

  static final String SEQ = "reportSeq";
  static final String NUMBER = "reportVersion";
  static final String BODY = "reportBody";
  static final String AUTHOR = "reportAuthor";
  static final String AUTHOR_NAME = "reportAuthorName";
  static final String WRITTEN_AT = "reportWrittenAt";
  static final String DOCUMENT = "nationalDocument";
  static final String REMOVED_FOR = "nationalDocumentRemovedFor";
  static final String DOCUMENT_IHI = "nationalDocumentIhi";
  static final String DOCUMENT_VERSION = "nationalDocumentVersion";

  static Optional<ReportVersion> of(Map<String, String> attributes) {
    String seq = attributes.get(SEQ);
    if (seq == null) {
      return Optional.empty();
    }
    return Optional.of(
        new ReportVersion(
            Long.parseLong(seq),
            Integer.parseInt(attributes.getOrDefault(NUMBER, "1")),
            attributes.get(BODY),
            attributes.get(AUTHOR),
            attributes.get(AUTHOR_NAME),
            Instant.parse(attributes.get(WRITTEN_AT))));
  }

  /** The attributes after {@code t}, at history position {@code seq}, wrote a report version. */
  static Map<String, String> written(Map<String, String> attributes, Transition t, long seq) {
    return written(attributes, t.references(), t.data(), t.businessTime(), seq);
  }

  static Map<String, String> written(
      Map<String, String> attributes,
      java.util.List<Reference> references,
      Map<String, String> data,
      Instant businessTime,
      long seq) {
    Map<String, String> next = new HashMap<>(attributes);
    int number = attributes.containsKey(SEQ) ? Integer.parseInt(attributes.get(NUMBER)) + 1 : 1;
    next.put(SEQ, Long.toString(seq));
    next.put(NUMBER, Integer.toString(number));
    next.put(WRITTEN_AT, businessTime.toString());
    next =
        NationalAttributes.with(
            next,
            BODY,
            references.stream()
                .filter(r -> "report".equals(r.kind()))
                .findFirst()
                .map(Reference::uri)
                .orElse(null));
    next = NationalAttributes.with(next, AUTHOR, data.get("reportAuthor"));
    next = NationalAttributes.with(next, AUTHOR_NAME, data.get("reportAuthorName"));
    return next;
  }

  static Map<String, String> published(
      Map<String, String> attributes, String document, String version) {
    Map<String, String> next = NationalAttributes.with(attributes, DOCUMENT, document);
    next = NationalAttributes.with(next, DOCUMENT_VERSION, version);
    // the document was filed under the IHI the study held when it was uploaded
    next = NationalAttributes.with(next, DOCUMENT_IHI, attributes.get(NationalIdentity.IHI));
    next.remove(REMOVED_FOR);
    return next;
  }

  static Map<String, String> removed(Map<String, String> attributes, String reason) {
    Map<String, String> next = NationalAttributes.with(attributes, REMOVED_FOR, reason);
    next.remove(DOCUMENT);
    next.remove(DOCUMENT_IHI);
    next.remove(DOCUMENT_VERSION);
    return next;
  }
}
