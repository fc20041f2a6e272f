/**
 * The study store's tables: studies, their history, the outbox rows and steps each change writes in
 * its own transaction, the inbox and patient links. Workflow rules do not live here; the model
 * decides, this package only writes what it decided.
 *
 * <p>{@link org.radflow.lifecycle.jdbc.StudyTransactions} is public so the step store's finish can
 * apply a transition in its own transaction. Used only by other JDBC parts and the composition
 * roots; adapters see {@link org.radflow.lifecycle.StudyLifecycle} and {@link
 * org.radflow.lifecycle.StudyReads}.
 */
package org.radflow.lifecycle.jdbc;
