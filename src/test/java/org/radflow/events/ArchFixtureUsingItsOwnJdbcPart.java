package org.radflow.events;

import org.radflow.events.jdbc.JdbcOutbox;

/** Architecture-rule fixture: a feature reaching its own JDBC part instead of its store seam. */
public final class ArchFixtureUsingItsOwnJdbcPart {
  JdbcOutbox outbox;
}
