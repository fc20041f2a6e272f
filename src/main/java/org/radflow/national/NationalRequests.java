package org.radflow.national;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.radflow.blob.BlobRef;
import org.radflow.national.DocumentPackage.Author;
import org.radflow.national.DocumentPackage.DocumentType;
import org.radflow.national.DocumentPackage.Organisation;
import org.radflow.national.DocumentPackage.Report;
import org.radflow.study.NationalIdentity;
import org.radflow.study.ReportVersion;
import org.radflow.study.Study;
import org.radflow.workflow.StepKind;

/**
 * The requests the national steps send, built from the study: the document package for an upload
 * (the study's latest report version, for the patient's usable IHI, replacing the document the
 * national record holds now), and the search for a lookup when no message gave search keys.
 */
public final class NationalRequests {

  private final Organisation organisation;

  public NationalRequests(Organisation organisation) {
    this.organisation = organisation;
  }

  /**
   * The package {@code kind} uploads for {@code study} as it is now; empty when the report has no
   * body radflow holds, which cannot be published.
   */
  public Optional<DocumentPackage> upload(StepKind kind, Study study) {
    Optional<ReportVersion> report = study.report();
    if (report.isEmpty() || report.get().body() == null) {
      return Optional.empty();
    }
    ReportVersion version = report.get();
    String body;
    try {
      body = BlobRef.hashOf(URI.create(version.body()));
    } catch (IllegalArgumentException notInTheBlobStore) {
      return Optional.empty();
    }
    String ihi = usableIhi(study);
    UUID id = study.id().value();
    return Optional.of(
        new DocumentPackage(
            DocumentPackage.documentId(id, version.seq(), ihi),
            DocumentPackage.setId(id),
            version.number(),
            kind == StepKind.SUPERSEDE_REPORT ? study.publishedDocument().orElse(null) : null,
            ihi,
            new Author(
                version.author() == null ? "unknown" : version.author(), version.authorName()),
            organisation,
            DocumentType.DIAGNOSTIC_IMAGING,
            study.attributes().getOrDefault("procedure", "Diagnostic imaging") + " report",
            study.businessKey().accessionNumber(),
            version.writtenAt(),
            new Report("sha256:" + body, "text/plain")));
  }

  /**
   * The package as it must be sent now: the retained one, with the IHI and the document it replaces
   * brought up to date when the study's changed since it was retained (a revalidation answered
   * another IHI, an earlier amendment was accepted meanwhile). Its document id follows the IHI.
   */
  public DocumentPackage current(DocumentPackage retained, StepKind kind, Study study) {
    String ihi = usableIhi(study);
    String replaces =
        kind == StepKind.SUPERSEDE_REPORT
            ? study.publishedDocument().orElse(retained.supersedes())
            : retained.supersedes();
    if (java.util.Objects.equals(ihi, retained.ihi())
        && java.util.Objects.equals(replaces, retained.supersedes())) {
      return retained;
    }
    long seq = study.report().map(ReportVersion::seq).orElse((long) retained.version());
    return new DocumentPackage(
        DocumentPackage.documentId(study.id().value(), seq, ihi),
        retained.setId(),
        retained.version(),
        replaces,
        ihi,
        retained.author(),
        retained.organisation(),
        retained.documentType(),
        retained.title(),
        retained.accession(),
        retained.authored(),
        retained.report());
  }

  /**
   * A search by the local record alone, for a study whose messages carried no search keys (one
   * opened through the API): it holds nothing radflow does not already keep, so nothing is retained
   * for it.
   */
  public static byte[] searchBySubject(Study study) {
    UUID requestId =
        UUID.nameUUIDFromBytes(
            ("radflow/ihi-search/" + study.id()).getBytes(StandardCharsets.UTF_8));
    return IdentitySearch.forSubject(
            requestId, study.patient().assigningAuthority(), study.patient().id())
        .toJson();
  }

  private static String usableIhi(Study study) {
    return study
        .nationalIdentity()
        .filter(NationalIdentity::usable)
        .map(NationalIdentity::ihi)
        .orElse(null);
  }
}
