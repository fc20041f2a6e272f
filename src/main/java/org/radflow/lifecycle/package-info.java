/**
 * The front door to the study store for every adapter (HTTP today, HL7 and imaging events later):
 * stamps record time from the injected clock, assigns study ids, fans a patient merge out to one
 * transaction per study, and expires held early events. No workflow rules live here.
 */
package org.radflow.lifecycle;
