package org.radflow.study;

/** Whether radflow saw a fact happen, or was told about it when the study joined late. */
public enum Attestation {
  OBSERVED,
  ATTESTED
}
