package org.radflow.study;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a study is, end to end, derived from its tracks, held events and open exceptions — never
 * stored where it could drift from them.
 *
 * @param kind the headline
 * @param waitingOn the external service the study waits on, when {@code kind} is WAITING or
 *     SUSPENDED
 * @param reasons why, in words a person can act on
 */
public record EndToEndStatus(Kind kind, String waitingOn, List<String> reasons) {

  public enum Kind {
    ACTIVE,
    WAITING,
    SUSPENDED,
    IN_EXCEPTION,
    CLINICALLY_COMPLETE,
    FINANCIALLY_COMPLETE,
    CANCELLED
  }

  /** External services a study can wait on, as named in the orchestration ports. */
  public static final String IDENTITY = "identity";

  public static final String IMAGE_ARCHIVE = "image-archive";
  public static final String NATIONAL_RECORD = "national-record";
  public static final String BILLING = "billing";

  public EndToEndStatus {
    Require.present(kind, "kind");
    reasons = List.copyOf(reasons);
  }

  /** Derives the status. The order of the checks is the precedence of the headlines. */
  public static EndToEndStatus of(Study study) {
    EndToEndStatus status = derive(study);
    return study
        .publicationWithheld()
        .map(
            why -> {
              List<String> reasons = new ArrayList<>(status.reasons());
              reasons.add("the report is not sent to the national record: " + why);
              return new EndToEndStatus(status.kind(), status.waitingOn(), reasons);
            })
        .orElse(status);
  }

  private static EndToEndStatus derive(Study study) {
    boolean cancelled = study.clinical() == ClinicalState.CANCELLED;
    List<String> exceptions = study.exceptionReasons();
    if (!exceptions.isEmpty()) {
      // Outranks cancellation: what needs a person on a cancelled study (a report finalised after
      // the cancel, a rejected claim) must stay visible in the exception lane, with its reason.
      List<String> reasons = new ArrayList<>();
      if (cancelled) {
        reasons.add("the study was cancelled");
      }
      reasons.addAll(exceptions);
      return new EndToEndStatus(Kind.IN_EXCEPTION, null, reasons);
    }
    if (cancelled) {
      return new EndToEndStatus(Kind.CANCELLED, null, List.of("the study was cancelled"));
    }
    if (study.distribution() == DistributionState.SUSPENDED) {
      return new EndToEndStatus(
          Kind.SUSPENDED,
          NATIONAL_RECORD,
          List.of("publication to the national record is suspended"));
    }
    boolean clinicallyComplete =
        study.imaging().isReported()
            && study.distribution().isDistributed()
            && !(study.imaging() == ImagingState.REPORT_AMENDED
                && study.distribution() == DistributionState.PUBLISHED);
    if (clinicallyComplete && study.administrative().isSettled()) {
      return new EndToEndStatus(Kind.FINANCIALLY_COMPLETE, null, List.of());
    }
    String waitingOn = awaitedService(study);
    if (waitingOn != null) {
      return new EndToEndStatus(Kind.WAITING, waitingOn, List.of(waitingReason(waitingOn)));
    }
    if (clinicallyComplete) {
      return new EndToEndStatus(Kind.CLINICALLY_COMPLETE, null, List.of());
    }
    return new EndToEndStatus(Kind.ACTIVE, null, List.of());
  }

  private static String awaitedService(Study study) {
    if (study.clinical() == ClinicalState.ORDER_RECEIVED
        && !study.hasObserved(ClinicalState.IDENTITY_VALIDATED)) {
      return IDENTITY;
    }
    if (study.imaging() == ImagingState.ACQUISITION_COMPLETE) {
      return IMAGE_ARCHIVE;
    }
    if (study.distribution() == DistributionState.PENDING
        || (study.imaging() == ImagingState.REPORT_AMENDED
            && study.distribution() == DistributionState.PUBLISHED)) {
      return NATIONAL_RECORD;
    }
    if (study.administrative() == AdministrativeState.CLAIM_SUBMITTED) {
      return BILLING;
    }
    return null;
  }

  private static String waitingReason(String service) {
    return switch (service) {
      case IDENTITY -> "waiting for the identity service to validate the patient";
      case IMAGE_ARCHIVE -> "waiting for the image archive to commit the images";
      case NATIONAL_RECORD -> "waiting for the national record to accept the report";
      case BILLING -> "waiting for billing to answer the claim";
      default -> "waiting on " + service;
    };
  }
}
