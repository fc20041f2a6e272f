package org.radflow.study;

/** How far the HI Service trusts the identity behind an IHI. */
public enum IhiRecordStatus {
  /** The identity was confirmed with evidence (Medicare or DVA enrolment, birth registration). */
  VERIFIED,
  /** The identity was recorded but never confirmed with evidence. */
  UNVERIFIED,
  /** A temporary record a hospital created for a patient it could not identify. */
  PROVISIONAL
}
