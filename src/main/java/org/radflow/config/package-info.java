/**
 * Spring wiring: the only place that knows how radflow's plain constructors are assembled, from
 * {@code radflow.*} properties (environment variables {@code RADFLOW_*}). {@link
 * org.radflow.config.Stores} composes every feature's JDBC part on one database; around them sit
 * the Spring-facing pieces: the hold sweeper and the health indicators of the database and the blob
 * store. No workflow rules and no SQL here.
 */
package org.radflow.config;
