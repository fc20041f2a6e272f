/**
 * The queries behind {@link org.radflow.metrics.WorkFigureReads}: counts over the study, step and
 * dead-letter tables, each served by an index of the work in hand (V1's study_status, V16's
 * study_awaiting_report, V5's dead_letter_status). Read-only. Used only by the composition roots.
 */
package org.radflow.metrics.jdbc;
