package org.radflow.workflow;

import java.util.Objects;
import org.radflow.study.IhiNumberStatus;
import org.radflow.study.IhiRecordStatus;

/**
 * Whether an IHI the HI Service answered may be used for My Health Record, and what a person can do
 * when it may not.
 *
 * <p>Only a VERIFIED record whose number is ACTIVE or DECEASED is usable. A RESOLVED number was
 * merged into another, so the search is repeated with the surviving IHI, at most {@link
 * #MAX_RESOLUTIONS} times. A retired or expired number decides before the record status, because no
 * evidence makes a withdrawn number usable again.
 */
public final class IhiRules {

  /**
   * How many RESOLVED answers one identity check follows. The HI Service resolves a merge to its
   * survivor in one hop; a longer chain means its data is inconsistent, and following it further
   * would only hide that.
   */
  public static final int MAX_RESOLUTIONS = 3;

  private static final String IHI_PREFIX = "800360";

  private static final String ACTIONS =
      "correct them at the source (ADT^A08) and redrive the identity check, or resolve the"
          + " exception if the report must not go to My Health Record.";

  private IhiRules() {}

  /** What the HI Service's answer about {@code ihi} allows. */
  public sealed interface Judgement {

    /** The IHI may be used for My Health Record. */
    record Usable(String ihi, IhiNumberStatus numberStatus, IhiRecordStatus recordStatus)
        implements Judgement {
      public Usable {
        Objects.requireNonNull(ihi, "ihi must not be null");
        Objects.requireNonNull(numberStatus, "numberStatus must not be null");
        Objects.requireNonNull(recordStatus, "recordStatus must not be null");
      }
    }

    /** {@code from} was merged into {@code to}: search again by {@code to}. */
    record FollowResolved(String from, String to) implements Judgement {
      public FollowResolved {
        Objects.requireNonNull(from, "from must not be null");
        Objects.requireNonNull(to, "to must not be null");
      }
    }

    /** The IHI may not be used; {@code reason} says why and what a person can do. */
    record Unusable(String code, String reason) implements Judgement {
      public Unusable {
        Objects.requireNonNull(code, "code must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
      }
    }
  }

  /**
   * Judges the HI Service's answer for {@code ihi}.
   *
   * @param resolvedTo the surviving IHI when {@code numberStatus} is RESOLVED, otherwise ignored
   */
  public static Judgement judge(
      String ihi, IhiNumberStatus numberStatus, IhiRecordStatus recordStatus, String resolvedTo) {
    Objects.requireNonNull(ihi, "ihi must not be null");
    Objects.requireNonNull(numberStatus, "numberStatus must not be null");
    Objects.requireNonNull(recordStatus, "recordStatus must not be null");
    return switch (numberStatus) {
      case RESOLVED -> resolved(ihi, resolvedTo);
      case RETIRED ->
          unusable(
              "RETIRED",
              "IHI " + ihi + " is RETIRED (withdrawn as a duplicate or in error)",
              "Search again with the patient's Medicare, DVA or identifying details to find the"
                  + " IHI in use;");
      case EXPIRED ->
          unusable(
              "EXPIRED",
              "IHI " + ihi + " is EXPIRED (unverified and unused for years)",
              "Ask the patient to confirm their identity with the HI Service or supply Medicare or"
                  + " DVA details;");
      case ACTIVE, DECEASED -> byRecord(ihi, numberStatus, recordStatus);
    };
  }

  /** The HI Service found no IHI for the search described by {@code searchedBy}. */
  public static Judgement.Unusable notFound(String searchedBy) {
    return new Judgement.Unusable(
        "IHI_NOT_FOUND",
        "the HI Service found no IHI "
            + searchedBy
            + ": check the patient's Medicare, DVA and identifying details, "
            + ACTIONS);
  }

  /**
   * Whether {@code ihi} has the form of an IHI: sixteen digits, starting {@value #IHI_PREFIX},
   * ending in a Luhn check digit.
   */
  public static boolean wellFormed(String ihi) {
    return ihi != null
        && ihi.length() == 16
        && ihi.chars().allMatch(c -> c >= '0' && c <= '9')
        && ihi.startsWith(IHI_PREFIX)
        && luhnCheckDigit(ihi.substring(0, 15)) == ihi.charAt(15) - '0';
  }

  /** The Luhn check digit that completes {@code digits} (digits only). */
  public static int luhnCheckDigit(String digits) {
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int digit = digits.charAt(digits.length() - 1 - i) - '0';
      if (i % 2 == 0) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
    }
    return (10 - sum % 10) % 10;
  }

  private static Judgement resolved(String ihi, String resolvedTo) {
    if (resolvedTo == null || resolvedTo.isBlank()) {
      // A merge without a survivor is the service's inconsistency; nothing to follow.
      return unusable(
          "RESOLVED",
          "IHI " + ihi + " is RESOLVED but the HI Service named no IHI it was merged into",
          "Search again with the patient's Medicare, DVA or identifying details;");
    }
    return new Judgement.FollowResolved(ihi, resolvedTo);
  }

  private static Judgement byRecord(
      String ihi, IhiNumberStatus numberStatus, IhiRecordStatus recordStatus) {
    return switch (recordStatus) {
      case VERIFIED -> new Judgement.Usable(ihi, numberStatus, recordStatus);
      case UNVERIFIED ->
          unusable(
              "UNVERIFIED",
              "IHI " + ihi + " has an UNVERIFIED record (its identity was never confirmed)",
              "Ask the patient for Medicare, DVA or identifying details so the HI Service can"
                  + " verify it;");
      case PROVISIONAL ->
          unusable(
              "PROVISIONAL",
              "IHI " + ihi + " has a PROVISIONAL record (created for an unidentified patient)",
              "Ask the patient for Medicare, DVA or identifying details,");
    };
  }

  private static Judgement.Unusable unusable(String status, String what, String firstAction) {
    return new Judgement.Unusable(
        "IHI_" + status,
        what + ": it may not be used for My Health Record. " + firstAction + " " + ACTIONS);
  }
}
