/**
 * {@code radflow bench …}: benchmarks that drive the real stores. Figures go to docs/benchmarks.md
 * with the command that produced them; they are never test assertions. A composition root like
 * {@code org.radflow.config}, so it may use the JDBC parts; nothing in radflow depends on it.
 */
package org.radflow.bench;
