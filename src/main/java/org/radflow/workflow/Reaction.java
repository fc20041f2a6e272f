package org.radflow.workflow;

import java.time.Instant;

/** What a policy asks for when a study changes. */
public sealed interface Reaction {

  /** Start a step (or arm a timer) that is due at {@code dueAt}. */
  record Start(StepKind kind, Instant dueAt) implements Reaction {}

  /** Undo the study's completed steps, newest first, and stop its open ones. */
  record Compensate(String reason) implements Reaction {}
}
