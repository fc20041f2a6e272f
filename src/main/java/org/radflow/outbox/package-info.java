/**
 * The transactional outbox: one event row per study change, written in the same transaction as the
 * change. The relay that publishes them lives here too once it exists; until then the rows wait.
 */
package org.radflow.outbox;
