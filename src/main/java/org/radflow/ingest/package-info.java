/**
 * Inbound adapters' shared translation: imaging events and HL7 v2 commands mapped to lifecycle
 * commands, with late joins for studies radflow has not seen. Translation only; the study model
 * decides.
 *
 * <p>Everything goes through {@link org.radflow.lifecycle.StudyLifecycle}; no JDBC part, no {@code
 * org.radflow.db} and no {@code StudyStore} here.
 */
package org.radflow.ingest;
