/**
 * What radflow's log lines carry besides their message: the MDC fields that tie a line to a study
 * ({@link org.radflow.logging.LogFields}), the choice between plain text and JSON ({@link
 * org.radflow.logging.LogFormat}), and the rule that a fault is logged by its kind and where it
 * happened, never by a message that may quote a payload ({@link org.radflow.logging.LoggedFault}).
 * Plain SLF4J only: every feature may use it, and it uses none.
 */
package org.radflow.logging;
