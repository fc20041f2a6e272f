package org.radflow.national;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The CDA-style document package radflow uploads to the national record for one version of a
 * study's report. The report itself stays in radflow's blob store; the package only names it.
 *
 * <p>A package is identified by OIDs that radflow derives rather than stores: {@link #documentId}
 * from the study, the report version and the patient's IHI, {@link #setId} from the study alone.
 * Deriving them means a retried or re-driven upload always names the same document, so the national
 * record can tell a repeat from a new version.
 *
 * @param version 1 for the first report, one more per amendment
 * @param supersedes the document this one replaces, or null for the first version
 * @param ihi the patient's verified IHI, or null while radflow has none
 * @param authored the report's business time
 */
public record DocumentPackage(
    String documentId,
    String setId,
    int version,
    String supersedes,
    String ihi,
    Author author,
    Organisation organisation,
    DocumentType documentType,
    String title,
    String accession,
    Instant authored,
    Report report) {

  private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");

  public DocumentPackage {
    requireOid(documentId, "documentId");
    requireOid(setId, "setId");
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, was " + version);
    }
    if (supersedes != null) {
      requireOid(supersedes, "supersedes");
    }
    if (ihi != null) {
      requireText(ihi, "patient.ihi");
    }
    requirePresent(author, "author");
    requirePresent(organisation, "organisation");
    requirePresent(documentType, "documentType");
    requireText(title, "title");
    requireText(accession, "accession");
    requirePresent(authored, "authored");
    requirePresent(report, "report");
  }

  /** The reporting radiologist. */
  public record Author(String id, String name) {
    public Author {
      requireText(id, "author.id");
      if (name != null) {
        requireText(name, "author.name");
      }
    }
  }

  /** The organisation that authored the report, by its HPI-O. */
  public record Organisation(String id, String name) {
    public Organisation {
      requireText(id, "organisation.id");
      requireText(name, "organisation.name");
    }
  }

  /** The kind of document, as a code in a code system. */
  public record DocumentType(String code, String system, String display) {

    /** LOINC 18748-4. */
    public static final DocumentType DIAGNOSTIC_IMAGING =
        new DocumentType("18748-4", "2.16.840.1.113883.6.1", "Diagnostic imaging study");

    public DocumentType {
      requireText(code, "documentType.code");
      requireText(system, "documentType.system");
      requireText(display, "documentType.display");
    }
  }

  /** The report's content: a blob store reference {@code sha256:<64 hex>} and its media type. */
  public record Report(String ref, String mediaType) {

    private static final Pattern BLOB_REF = Pattern.compile("sha256:[0-9a-f]{64}");

    public Report {
      if (ref == null || !BLOB_REF.matcher(ref).matches()) {
        throw new IllegalArgumentException(
            "report.ref must be sha256:<64 lowercase hex digits>, was '" + ref + "'");
      }
      requireText(mediaType, "report.mediaType");
    }
  }

  /**
   * The id of version {@code reportVersionSeq} of the study's report for the patient {@code ihi}.
   */
  public static String documentId(UUID studyId, long reportVersionSeq, String ihi) {
    requirePresent(studyId, "studyId");
    return Oids.fromName(
        "radflow/document/" + studyId + "/" + reportVersionSeq + "/" + (ihi == null ? "" : ihi));
  }

  /** The id shared by every version of the study's report. */
  public static String setId(UUID studyId) {
    requirePresent(studyId, "studyId");
    return Oids.fromName("radflow/set/" + studyId);
  }

  /** The package as the national record receives it; equal packages give equal bytes. */
  public byte[] toJson() {
    return PackageJson.write(this);
  }

  /**
   * The package in {@code json}.
   *
   * @throws IllegalArgumentException naming the field, when the bytes are not a valid package
   */
  public static DocumentPackage fromJson(byte[] json) {
    return PackageJson.read(json);
  }

  public DocumentPackage withIhi(String newIhi) {
    return new DocumentPackage(
        documentId,
        setId,
        version,
        supersedes,
        newIhi,
        author,
        organisation,
        documentType,
        title,
        accession,
        authored,
        report);
  }

  public DocumentPackage withSupersedes(String parentId) {
    return new DocumentPackage(
        documentId,
        setId,
        version,
        parentId,
        ihi,
        author,
        organisation,
        documentType,
        title,
        accession,
        authored,
        report);
  }

  private static void requireOid(String value, String field) {
    if (value == null || !OID.matcher(value).matches()) {
      throw new IllegalArgumentException(field + " must be an OID, was '" + value + "'");
    }
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
  }

  private static void requirePresent(Object value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " must be present");
    }
  }
}
