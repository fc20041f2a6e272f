/**
 * HL7 v2 over MLLP: the listener, the translation of ADT, ORM/OMI, SIU, ORU and DFT messages into
 * study commands, and the acknowledgement rules (AA only after commit, AE when radflow cannot
 * commit, AR with a reason and a dead letter for what cannot be processed). An adapter: it holds no
 * workflow rules; the study model decides what a transition may do.
 *
 * <p>Commands enter through {@code org.radflow.ingest} and {@link
 * org.radflow.lifecycle.StudyLifecycle}; no JDBC part and no {@code StudyStore} here. Of {@code
 * org.radflow.db} only {@code StoreException} is seen: a database fault becomes AE.
 */
package org.radflow.hl7;
