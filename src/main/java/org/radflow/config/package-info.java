/**
 * Spring wiring: the only place that knows how radflow's plain constructors are assembled, from
 * {@code radflow.*} properties (environment variables {@code RADFLOW_*}).
 */
package org.radflow.config;
