package org.radflow.store;

/** One database holding both the studies and their steps, as {@link StoreFactory} opens it. */
public interface Store extends StudyStore, StepStore, OutboxStore {

  /** Runs {@code listener} after every committed write: the relay's in-process wake-up. */
  void onCommit(Runnable listener);
}
