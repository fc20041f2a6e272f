/**
 * The front door to studies for every adapter (HTTP, HL7 v2, imaging events): {@link
 * org.radflow.lifecycle.StudyLifecycle} stamps record time from the injected clock, assigns study
 * ids, fans a patient merge out to one transaction per study, and expires held early events; {@link
 * org.radflow.lifecycle.StudyReads} is what adapters may read. The {@link
 * org.radflow.lifecycle.StudyStore} seam, its commands' drafts and results live here too; its
 * tables live in {@code org.radflow.lifecycle.jdbc}.
 *
 * <p>No workflow rules (the model decides), no Spring and no JDBC here. Adapters are to enter
 * through the front door, never through {@code StudyStore}.
 */
package org.radflow.lifecycle;
