package org.radflow.store;

/**
 * One database holding the studies, their steps and their webhook deliveries, as {@link
 * StoreFactory} opens it.
 */
public interface Store extends StudyStore, StepStore, WebhookStore {}
