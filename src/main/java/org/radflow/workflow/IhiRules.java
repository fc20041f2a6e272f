package org.radflow.workflow;

import org.radflow.study.IhiNumberStatus;
import org.radflow.study.IhiRecordStatus;

/**
 * Which IHIs radflow may use for the national record: only a verified IHI whose number is active or
 * deceased. A resolved IHI is followed to the one that survived it; anything else is an identity
 * exception whose reason says what the status means and what a person can do.
 */
public final class IhiRules {

  /** How many resolutions radflow follows before it treats the chain as broken. */
  public static final int MAX_RESOLUTIONS = 3;

  private IhiRules() {}

  /** What an HI Service answer means for radflow. */
  public sealed interface Judgement {}

  /** May be used. */
  public record Usable(String ihi, IhiNumberStatus numberStatus, IhiRecordStatus recordStatus)
      implements Judgement {}

  /** A duplicate that was resolved: look up the surviving IHI and use that. */
  public record FollowResolved(String from, String to) implements Judgement {}

  /** May not be used: {@code code} names the status, {@code reason} says what to do. */
  public record Unusable(String code, String reason) implements Judgement {}

  public static Judgement judge(
      String ihi, IhiNumberStatus number, IhiRecordStatus record, String resolvedTo) {
    if (number == IhiNumberStatus.RESOLVED) {
      if (resolvedTo == null || resolvedTo.isBlank()) {
        return new Unusable(
            "IHI_RESOLVED",
            "IHI " + ihi + " is RESOLVED but the HI Service named no surviving IHI: " + FIX);
      }
      return new FollowResolved(ihi, resolvedTo);
    }
    if (record == IhiRecordStatus.VERIFIED
        && (number == IhiNumberStatus.ACTIVE || number == IhiNumberStatus.DECEASED)) {
      return new Usable(ihi, number, record);
    }
    if (record != IhiRecordStatus.VERIFIED) {
      return new Unusable(
          "IHI_" + record,
          "IHI "
              + ihi
              + " has a "
              + record
              + " record ("
              + meaning(record)
              + "): it may not be used for the national record. "
              + FIX);
    }
    return new Unusable(
        "IHI_" + number,
        "IHI "
            + ihi
            + " is "
            + number
            + " ("
            + meaning(number)
            + "): it may not be used for the national record. "
            + FIX);
  }

  /** No IHI matched the search. */
  public static Unusable notFound(String searchedBy) {
    return new Unusable(
        "IHI_NOT_FOUND", "the HI Service found no IHI searching " + searchedBy + ". " + FIX);
  }

  /** A chain of resolutions longer than radflow follows. */
  public static Unusable tooManyResolutions(String ihi) {
    return new Unusable(
        "IHI_RESOLVED",
        "IHI "
            + ihi
            + " was resolved more than "
            + MAX_RESOLUTIONS
            + " times in a row; the HI Service's answer cannot be trusted. "
            + FIX);
  }

  private static final String FIX =
      "Check the patient's Medicare, DVA or identifying details, correct them at the source (an"
          + " ADT^A08 redrives the check) or redrive the identity check, or resolve the exception"
          + " if the report must not go to the national record.";

  private static String meaning(IhiRecordStatus record) {
    return switch (record) {
      case VERIFIED -> "verified against evidence of identity";
      case UNVERIFIED -> "created without full evidence of identity, e.g. a newborn";
      case PROVISIONAL -> "created for a patient who could not be identified";
    };
  }

  private static String meaning(IhiNumberStatus number) {
    return switch (number) {
      case ACTIVE -> "in use";
      case DECEASED -> "the patient has died";
      case RETIRED -> "no longer in use";
      case EXPIRED -> "lapsed unused";
      case RESOLVED -> "replaced by a surviving IHI";
    };
  }
}
