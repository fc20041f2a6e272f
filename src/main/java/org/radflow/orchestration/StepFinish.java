package org.radflow.orchestration;

import java.time.Instant;
import java.util.List;
import org.radflow.workflow.Effect;

/** How a worker ends its hold on a step; committed under the step's fence. */
public sealed interface StepFinish {

  /** Done: the effects apply to the study and the step succeeds, in one commit. */
  record Complete(String externalRef, List<Effect> effects) implements StepFinish {}

  /**
   * Failed for good: the effects (an exception) apply and the step fails, in one commit. {@code
   * outcome} is what the last answer was ({@code REJECTED} for a business refusal, which a redrive
   * answers with a new idempotency key; {@code FAILED} otherwise).
   */
  record Fail(String outcome, String reason, List<Effect> effects) implements StepFinish {}

  /** Try again at {@code dueAt}; the attempt counts. */
  record Retry(String outcome, String reason, Instant dueAt) implements StepFinish {}

  /**
   * Not ready (an obligation unmet): try again at {@code dueAt}; the attempt does not count. The
   * effects (a revalidation asked for) apply with it.
   */
  record Wait(String reason, Instant dueAt, List<Effect> effects) implements StepFinish {}

  /** Its service is down: keep it until release; the attempt does not count. */
  record Suspend(String reason) implements StepFinish {}

  /** No longer applies: its study was cancelled before it ran. */
  record Moot(String reason) implements StepFinish {}
}
