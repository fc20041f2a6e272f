package org.radflow.orchestration;

/** What asking to redrive a step came to. */
public sealed interface Redrive {

  /** The step is due again; completed steps of its study are not repeated. */
  record Redriven(StepRecord step) implements Redrive {}

  /** Unsafe or meaningless, with the reason; nothing changed. */
  record Refused(String reason) implements Redrive {}

  record NotFound() implements Redrive {}
}
