/**
 * {@code radflow bench …}: benchmarks that drive the real stores. Figures go to docs/benchmarks.md
 * with the command that produced them; they are never test assertions.
 */
package org.radflow.bench;
