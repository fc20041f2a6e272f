/**
 * Inbound adapters' shared translation: imaging events (and, next, HL7 v2) mapped to lifecycle
 * commands, with late joins for studies radflow has not seen. Translation only; the study model
 * decides.
 */
package org.radflow.ingest;
