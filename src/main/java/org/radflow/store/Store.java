package org.radflow.store;

/**
 * One database holding the studies, their steps, their events' publication and their webhook
 * deliveries, as {@link StoreFactory} opens it.
 */
public interface Store extends StudyStore, StepStore, OutboxStore, WebhookStore {

  /** Runs {@code listener} after every committed write: the relay's in-process wake-up. */
  void onCommit(Runnable listener);
}
