package org.radflow.study;

/** How far the HI Service has verified the identity behind an IHI. */
public enum IhiRecordStatus {
  /** Verified against evidence of identity (Medicare or DVA enrolment, for example). */
  VERIFIED,
  /** Created without full evidence of identity (for example a newborn before enrolment). */
  UNVERIFIED,
  /** Created for a patient who could not be identified (for example unconscious on arrival). */
  PROVISIONAL
}
