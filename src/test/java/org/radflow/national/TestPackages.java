package org.radflow.national;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.radflow.national.DocumentPackage.Author;
import org.radflow.national.DocumentPackage.DocumentType;
import org.radflow.national.DocumentPackage.Organisation;
import org.radflow.national.DocumentPackage.Report;

/** Document packages for tests: a study's first report and its amendments. */
public final class TestPackages {

  /**
   * Tells the cluster's HI Service that {@link #IHI} is a verified, active IHI, so its My Health
   * Record (which checks every upload's IHI with the HI Service) accepts documents for it.
   */
  public static void knownTo(org.radflow.simulator.SimulatorCluster cluster) {
    cluster
        .identity()
        .register(
            java.util.List.of(
                new org.radflow.simulator.RegisteredPatient(
                    "TEST",
                    "P-TEST",
                    IHI,
                    org.radflow.study.IhiNumberStatus.ACTIVE,
                    org.radflow.study.IhiRecordStatus.VERIFIED,
                    null,
                    null,
                    null,
                    null)));
  }

  /** An IHI the simulated national record accepts by default. */
  public static final String IHI = "8003608000000000";

  private TestPackages() {}

  /** Version 1 of the report of the study with {@code accession}, for {@link #IHI}. */
  public static DocumentPackage first(String accession) {
    return version(accession, 1, IHI, null);
  }

  /** The amendment that replaces {@code previous}: one version later, in the same set. */
  public static DocumentPackage amendment(String accession, DocumentPackage previous) {
    return version(accession, previous.version() + 1, previous.ihi(), previous.documentId());
  }

  /**
   * Version {@code version} of the report of the study with {@code accession}; its report reference
   * differs per version.
   */
  public static DocumentPackage version(
      String accession, int version, String ihi, String supersedes) {
    UUID study = studyOf(accession);
    return new DocumentPackage(
        DocumentPackage.documentId(study, version, ihi),
        DocumentPackage.setId(study),
        version,
        supersedes,
        ihi,
        new Author("rad-7", "Dr A Radiologist"),
        new Organisation("8003621566684455", "Harbour Imaging"),
        DocumentType.DIAGNOSTIC_IMAGING,
        "CT Chest report",
        accession,
        Instant.parse("2026-03-01T10:15:00Z").plusSeconds(version),
        new Report(reportRef(accession + "/" + version), "text/plain"));
  }

  /** A study id per accession, so tests can name studies by accession alone. */
  public static UUID studyOf(String accession) {
    return UUID.nameUUIDFromBytes(accession.getBytes(StandardCharsets.UTF_8));
  }

  /** A blob reference {@code sha256:<hex>} standing for a report with {@code content}. */
  public static String reportRef(String content) {
    try {
      return "sha256:"
          + HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
