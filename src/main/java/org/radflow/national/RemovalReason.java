package org.radflow.national;

/** Why radflow removes a document it published to the national record. */
public enum RemovalReason {
  /** The study was cancelled or the report withdrawn. */
  WITHDRAWN("the study was cancelled or the report withdrawn"),
  /** The report was filed against the wrong patient. */
  INCORRECT_IDENTITY("the report was filed against the wrong patient");

  private final String description;

  RemovalReason(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
