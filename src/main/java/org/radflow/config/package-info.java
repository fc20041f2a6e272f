/**
 * Spring wiring: the only place that knows how radflow's plain constructors are assembled, from
 * {@code radflow.*} properties (environment variables {@code RADFLOW_*}), plus the Spring-facing
 * pieces around the store: the hold sweeper and the health indicators of the store and the blob
 * store.
 */
package org.radflow.config;
