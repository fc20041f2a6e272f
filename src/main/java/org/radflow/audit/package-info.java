/**
 * The audit of operator actions: one append-only trail ({@link org.radflow.audit.AuditTrail}) of
 * who did what, when, why and with what outcome. Its JDBC part lives in {@code audit.jdbc}; other
 * features' JDBC parts write their audit rows through it inside their own transactions. No Spring
 * and no JDBC here.
 */
package org.radflow.audit;
