package org.radflow.workflow;

import java.util.List;

/** What a step's outcome means: done, try again later, or failed for a person to look at. */
public sealed interface Verdict {

  /** The step is done; its effects apply with its completion. */
  record Complete(String ref, List<Effect> effects) implements Verdict {
    public Complete {
      effects = List.copyOf(effects);
    }
  }

  /** Not yet (images not committed, claim unanswered, a fault): try again after a backoff. */
  record Retry(String reason) implements Verdict {}

  /** Failed for good; the effects (an exception at least) apply with the failure. */
  record Fail(String reason, List<Effect> effects) implements Verdict {
    public Fail {
      effects = List.copyOf(effects);
    }
  }

  /** The step no longer applies (its study was cancelled before it ran); nothing to call. */
  record Moot(String reason) implements Verdict {}

  /**
   * Not ready to call yet (identity not validated): wait without spending an attempt. The effects
   * (a revalidation asked for) apply with the wait.
   */
  record Wait(String reason, List<Effect> effects) implements Verdict {
    public Wait {
      effects = List.copyOf(effects);
    }

    public Wait(String reason) {
      this(reason, List.of());
    }
  }
}
