/**
 * HL7 v2 over MLLP: the listener, the translation of ADT, ORM/OMI, SIU, ORU and DFT messages into
 * study commands, and the acknowledgement rules (AA only after commit, AE when radflow cannot
 * commit, AR with a reason and a dead letter for what cannot be processed). An adapter: it holds no
 * workflow rules; the study model decides what a transition may do.
 */
package org.radflow.hl7;
