/**
 * The study store: one contract ({@link org.radflow.lifecycle.StudyStore}), two databases (SQLite,
 * the embedded default; PostgreSQL, for production and several nodes), schema by Flyway.
 *
 * <p>Every accepted command writes the study row, its history entries and their outbox rows in one
 * local transaction. {@code java.sql} lives here and nowhere else; {@code SQLException} never
 * leaves: each dialect maps its error codes to {@link org.radflow.db.StoreException} in one place.
 * Workflow rules do not live here; they come from {@link org.radflow.study.StudyRules}.
 */
package org.radflow.store;
