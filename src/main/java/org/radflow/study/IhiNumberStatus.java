package org.radflow.study;

/** The status the HI Service gives an IHI number itself, whatever the record behind it. */
public enum IhiNumberStatus {
  /** The number is in use for a living person. */
  ACTIVE,
  /** The person has died; the number stays valid for records about them. */
  DECEASED,
  /** The number was withdrawn (a duplicate or an error) and may no longer be used. */
  RETIRED,
  /** An unverified number that saw no activity for years and lapsed. */
  EXPIRED,
  /** The number was merged into another; the surviving IHI is the one to use. */
  RESOLVED
}
