/**
 * The dead-letter table: letters, their search, and operator changes that decide under the row lock
 * and write only if nobody changed the letter meanwhile, audited in the same transaction. Used only
 * by the composition roots; everyone else sees {@link org.radflow.deadletter.DeadLetterStore}.
 */
package org.radflow.deadletter.jdbc;
