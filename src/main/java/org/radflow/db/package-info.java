/**
 * The JDBC mechanics every feature's JDBC part shares: the unit of work ({@link
 * org.radflow.db.Database}) on SQLite or PostgreSQL, the dialect differences, group commit, the
 * commit notification, and {@link org.radflow.db.StoreException}, the one form a database fault
 * takes outside this package and the {@code jdbc} parts.
 *
 * <p>One place for transactions, so that one transaction can span two features without either
 * holding the other's store. No feature's tables or rules live here, and nothing here knows a
 * feature.
 */
package org.radflow.db;
