package org.radflow.study;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What radflow holds of the patient's national identity for one study: the IHI the HI Service
 * answered, its number and record status, and when it was validated. Kept with the study (as its
 * attributes, written by the transitions that report a lookup) because publication checks it: only
 * a verified IHI that is active or deceased may be used, and only while its validation is recent.
 *
 * @param ihi the IHI, or {@code null} when a lookup never answered one
 * @param numberStatus its number status, or {@code null} when radflow was told of the IHI without
 *     it
 * @param recordStatus its record status, likewise
 * @param validatedAt when the HI Service last answered for it
 * @param revalidation why a new lookup was asked for and has not answered yet, or {@code null}
 * @param unusable why the IHI may not be used now, or {@code null}
 */
public record NationalIdentity(
    String ihi,
    IhiNumberStatus numberStatus,
    IhiRecordStatus recordStatus,
    Instant validatedAt,
    String revalidation,
    String unusable) {

  static final String IHI = "ihi";
  static final String NUMBER_STATUS = "ihiNumberStatus";
  static final String RECORD_STATUS = "ihiRecordStatus";
  static final String VALIDATED_AT = "ihiValidatedAt";
  static final String REVALIDATION = "ihiRevalidation";
  static final String UNUSABLE = "ihiUnusable";
  static final String STATED = "ihiStated";

  /** Whether the IHI may be used for the national record: verified, and active or deceased. */
  public boolean usable() {
    return ihi != null
        && unusable == null
        && recordStatus == IhiRecordStatus.VERIFIED
        && (numberStatus == IhiNumberStatus.ACTIVE || numberStatus == IhiNumberStatus.DECEASED);
  }

  public boolean revalidating() {
    return revalidation != null;
  }

  static Optional<NationalIdentity> of(Map<String, String> attributes) {
    String ihi = attributes.get(IHI);
    String unusable = attributes.get(UNUSABLE);
    String revalidation = attributes.get(REVALIDATION);
    if (ihi == null && unusable == null && revalidation == null) {
      return Optional.empty();
    }
    String validatedAt = attributes.get(VALIDATED_AT);
    return Optional.of(
        new NationalIdentity(
            ihi,
            parse(IhiNumberStatus.class, attributes.get(NUMBER_STATUS)),
            parse(IhiRecordStatus.class, attributes.get(RECORD_STATUS)),
            validatedAt == null ? null : Instant.parse(validatedAt),
            revalidation,
            unusable));
  }

  /** The attributes after a lookup answered a usable IHI at {@code at}. */
  static Map<String, String> validated(
      Map<String, String> attributes, Map<String, String> data, Instant at) {
    Map<String, String> next = new HashMap<>(attributes);
    next.remove(REVALIDATION);
    next.remove(UNUSABLE);
    next.remove(STATED); // the HI Service has answered: its IHI stands over what a message said
    next = NationalAttributes.with(next, IHI, data.get("ihi"));
    next =
        NationalAttributes.with(
            next, NUMBER_STATUS, known(IhiNumberStatus.class, data.get("numberStatus")));
    next =
        NationalAttributes.with(
            next, RECORD_STATUS, known(IhiRecordStatus.class, data.get("recordStatus")));
    next.put(VALIDATED_AT, at.toString());
    return next;
  }

  static Map<String, String> revalidationAsked(Map<String, String> attributes, String reason) {
    Map<String, String> next = new HashMap<>(attributes);
    next.put(REVALIDATION, reason);
    return next;
  }

  static Map<String, String> invalidated(Map<String, String> attributes, String reason) {
    Map<String, String> next = new HashMap<>(attributes);
    next.remove(REVALIDATION);
    next.put(UNUSABLE, reason);
    return next;
  }

  private static <E extends Enum<E>> String known(Class<E> type, String value) {
    return parse(type, value) == null ? null : value;
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
