package org.radflow.workflow;

/** Where a step is. Only PENDING steps are claimed; RUNNING ones whose lease expired are too. */
public enum StepStatus {
  /** An undo waiting for the undo before it in its study's chain. */
  WAITING,
  PENDING,
  RUNNING,
  /** Its service is down: kept, not failed, no attempts spent, released when it recovers. */
  SUSPENDED,
  SUCCEEDED,
  /** Failed for good; its study has an exception naming it, from which it can be redriven. */
  FAILED,
  /** Stopped before it ran, because its study was cancelled or compensated. */
  CANCELLED;

  public boolean isOpen() {
    return this == WAITING || this == PENDING || this == RUNNING || this == SUSPENDED;
  }
}
