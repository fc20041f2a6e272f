/**
 * Dead letters: inbound messages radflow received but cannot process, kept with the reason a person
 * can act on, a reference to the raw bytes in the blob store (never the bytes themselves), and what
 * became of each attempt to process them again.
 *
 * <p>An inbound channel (the HL7 v2 MLLP listener first) records a {@link
 * org.radflow.deadletter.NewDeadLetter} in a {@link org.radflow.deadletter.DeadLetterStore} before
 * it answers the sender, so nothing accepted is lost; an operator then reprocesses it through the
 * channel's {@link org.radflow.deadletter.DeadLetterReprocessor} or discards it, both audited, via
 * {@link org.radflow.deadletter.DeadLetters}.
 *
 * <p>Plain Java: no Spring, no JDBC. The table lives in {@code org.radflow.deadletter.jdbc}, the
 * wiring in {@code org.radflow.config}, the HTTP API in {@code org.radflow.api}.
 */
package org.radflow.deadletter;
