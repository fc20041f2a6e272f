package org.radflow.orchestration;

import org.radflow.study.Study;

/** What committing a step's outcome came to. */
public sealed interface StepCommit {

  /** Committed; {@code study} is the study after its effects, or {@code null} if none applied. */
  record Committed(Study study) implements StepCommit {}

  /** Nothing written: the lease was lost (expired and taken over, or the step was redirected). */
  record LeaseLost(String reason) implements StepCommit {}
}
