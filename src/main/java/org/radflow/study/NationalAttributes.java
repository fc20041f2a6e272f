package org.radflow.study;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the national services need to know of a study, kept in its attributes and changed by its
 * transitions: the patient's IHI and its statuses ({@link NationalIdentity}), the latest report
 * version and the document the national record holds ({@link ReportVersion}), whether the report is
 * withheld, and where the patient's search keys are. One place says which transition changes which
 * of these.
 */
final class NationalAttributes {

  static final String WITHHELD_BECAUSE = "publicationWithheld";
  static final String SEARCH_KEYS = "identitySearch";

  private NationalAttributes() {}

  /** The attributes a new study starts with: its search keys, and the report it joined with. */
  static Map<String, String> created(NewStudy command) {
    Map<String, String> attributes = withSearchKeys(command.attributes(), command.references());
    if (!command.joinedAt().isReported()) {
      return attributes;
    }
    return ReportVersion.written(
        attributes, command.references(), command.attributes(), command.businessTime(), 1);
  }

  /**
   * The attributes after {@code t}, applied at history position {@code seq}.
   *
   * @param identityValidated whether radflow validated the identity before {@code t}
   */
  static Map<String, String> after(
      Map<String, String> attributes, Transition t, long seq, boolean identityValidated) {
    Map<String, String> data = t.data();
    Map<String, String> next =
        switch (t.type()) {
          case IDENTITY_VALIDATED -> NationalIdentity.validated(attributes, data, t.businessTime());
          case IDENTITY_REVALIDATED -> revalidated(attributes, data, t);
          case IDENTITY_REVALIDATION_REQUESTED ->
              NationalIdentity.revalidationAsked(attributes, data.get("reason"));
          case IDENTITY_INVALIDATED -> NationalIdentity.invalidated(attributes, data.get("reason"));
          case PATIENT_MERGED -> identityValidated ? merged(attributes, data) : attributes;
          case PUBLICATION_WITHHELD -> with(attributes, WITHHELD_BECAUSE, data.get("reason"));
          case REPORT_FINALISED, REPORT_AMENDED -> ReportVersion.written(attributes, t, seq);
          case REPORT_PUBLISHED, REPORT_SUPERSEDED ->
              ReportVersion.published(attributes, data.get("document"), data.get("reportVersion"));
          case REPORT_REMOVED -> ReportVersion.removed(attributes, data.get("reason"));
          default -> attributes;
        };
    return withStatedIhi(withSearchKeys(next, t.references()), data.get("statedIhi"));
  }

  /**
   * A message (a result) named an IHI: kept when it differs from the one radflow validated, so the
   * IHI is looked up again before publication; forgotten when it is the same.
   */
  private static Map<String, String> withStatedIhi(Map<String, String> attributes, String stated) {
    if (stated == null) {
      return attributes;
    }
    boolean same = stated.equals(attributes.get(NationalIdentity.IHI));
    return with(attributes, NationalIdentity.STATED, same ? null : stated);
  }

  /**
   * A revalidation's answer. An IHI the HI Service resolved from the one the document was filed
   * under is the same person, and the record follows it: the document counts as theirs.
   */
  private static Map<String, String> revalidated(
      Map<String, String> attributes, Map<String, String> data, Transition t) {
    Map<String, String> next = NationalIdentity.validated(attributes, data, t.businessTime());
    String filedUnder = attributes.get(ReportVersion.DOCUMENT_IHI);
    if (filedUnder != null && filedUnder.equals(data.get("resolvedFrom"))) {
      next = with(next, ReportVersion.DOCUMENT_IHI, data.get("ihi"));
    }
    return next;
  }

  /** The IHI and the search keys were the retired identity's: the survivor's is asked for. */
  private static Map<String, String> merged(
      Map<String, String> attributes, Map<String, String> data) {
    Map<String, String> next =
        NationalIdentity.revalidationAsked(
            attributes, "the patient was merged into " + data.get("survivingId"));
    next.remove(SEARCH_KEYS);
    return next;
  }

  private static Map<String, String> withSearchKeys(
      Map<String, String> attributes, List<Reference> references) {
    for (Reference r : references) {
      if (Reference.IDENTITY_SEARCH.equals(r.kind())) {
        return with(attributes, SEARCH_KEYS, r.uri());
      }
    }
    return attributes;
  }

  /** A copy of {@code attributes} with {@code key} set, or removed when {@code value} is blank. */
  static Map<String, String> with(Map<String, String> attributes, String key, String value) {
    Map<String, String> next = new HashMap<>(attributes);
    if (value == null || value.isBlank()) {
      next.remove(key);
    } else {
      next.put(key, value);
    }
    return next;
  }
}
