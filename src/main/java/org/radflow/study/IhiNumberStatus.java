package org.radflow.study;

/** The status of an IHI number at the HI Service. */
public enum IhiNumberStatus {
  /** In use for a living person. */
  ACTIVE,
  /** The person has died; the IHI still identifies them. */
  DECEASED,
  /** No longer in use (for example a duplicate the HI Service retired). */
  RETIRED,
  /** A provisional or unverified IHI that lapsed unused. */
  EXPIRED,
  /** Replaced: a duplicate resolved into another, surviving IHI. */
  RESOLVED
}
