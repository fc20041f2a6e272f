package org.radflow.store;

import org.radflow.deadletter.DeadLetterStore;

/**
 * One database holding the studies, their steps, their events' publication, their webhook
 * deliveries and the inbound messages radflow could not process, as {@link StoreFactory} opens it.
 */
public interface Store extends StudyStore, StepStore, OutboxStore, WebhookStore, DeadLetterStore {

  /** Runs {@code listener} after every committed write: the relay's in-process wake-up. */
  void onCommit(Runnable listener);
}
