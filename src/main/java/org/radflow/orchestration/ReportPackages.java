package org.radflow.orchestration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.radflow.national.DocumentPackage;
import org.radflow.national.DocumentPackage.Author;
import org.radflow.national.DocumentPackage.DocumentType;
import org.radflow.national.DocumentPackage.Organisation;
import org.radflow.national.DocumentPackage.Report;
import org.radflow.study.Fact;
import org.radflow.study.ImagingState;
import org.radflow.study.Study;

/**
 * Builds the document package for a study's report from what a step has at hand.
 *
 * <p>Interim wiring, replaced by the main engineer with packages retained when the report arrived:
 * the study keeps no report reference, author or organisation, so those are stand-ins here.
 */
final class ReportPackages {

  // wiring replaced by the main engineer: the real HPI-O and name come from configuration.
  private static final Organisation ORGANISATION =
      new Organisation("8003621566684455", "radflow imaging");

  private ReportPackages() {}

  /** The first version of the study's report, for the patient {@code ihi} (null while unknown). */
  static DocumentPackage first(Study study, String ihi) {
    return version(study, 1, ihi, null, ImagingState.REPORT_FINALISED);
  }

  /**
   * The version of the study's report after its latest amendment, replacing {@code supersedes}.
   * Publication always sends version 1, even when an amendment came first, so the amendment's
   * version never collides with it.
   */
  static DocumentPackage amendment(Study study, String ihi, String supersedes) {
    int version = (int) Math.max(2, 1 + amendments(study));
    return version(study, version, ihi, supersedes, ImagingState.REPORT_AMENDED);
  }

  private static DocumentPackage version(
      Study study, int version, String ihi, String supersedes, ImagingState authoredAt) {
    UUID studyId = study.id().value();
    String procedure = study.attributes().getOrDefault("procedure", "Imaging");
    return new DocumentPackage(
        DocumentPackage.documentId(studyId, version, ihi),
        DocumentPackage.setId(studyId),
        version,
        supersedes,
        ihi,
        // wiring replaced by the main engineer: the reporting radiologist from the ORU.
        new Author(study.attributes().getOrDefault("radiologist", "unknown-radiologist"), null),
        ORGANISATION,
        DocumentType.DIAGNOSTIC_IMAGING,
        procedure + " report",
        study.businessKey().accessionNumber(),
        latest(study, authoredAt),
        // wiring replaced by the main engineer: the report's blob reference, which the study does
        // not keep; this names the study and version so each version gets a distinct reference.
        new Report("sha256:" + sha256(studyId + "/report/" + version), "text/plain"));
  }

  private static long amendments(Study study) {
    return study.facts().stream().filter(f -> f.state() == ImagingState.REPORT_AMENDED).count();
  }

  /** When the study last reached {@code state}: the report's business time. */
  private static Instant latest(Study study, ImagingState state) {
    Optional<Instant> latest =
        study.facts().stream()
            .filter(f -> f.state() == state)
            .map(Fact::businessTime)
            .reduce((first, second) -> second);
    return latest.orElse(study.updatedAt());
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
