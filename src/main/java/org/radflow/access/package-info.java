/**
 * Who may act: API tokens for integrations and scripts, console users with passwords and lockout,
 * and the roles that say what each may do. Plain Java with a store seam per kind of credential; the
 * HTTP wiring (Spring Security) lives in {@code config} and {@code api}.
 */
package org.radflow.access;
