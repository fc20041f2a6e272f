package org.radflow.store;

/** One database holding both the studies and their steps, as {@link StoreFactory} opens it. */
public interface Store extends StudyStore, StepStore {}
