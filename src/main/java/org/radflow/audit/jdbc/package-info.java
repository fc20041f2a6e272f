/**
 * The audit trail's table. Other features' JDBC parts write their audit rows through it inside
 * their own transactions, so an action and its audit commit together. Used only by JDBC parts and
 * the composition roots ({@code config}, {@code bench}); everyone else sees {@link
 * org.radflow.audit.AuditTrail}.
 */
package org.radflow.audit.jdbc;
