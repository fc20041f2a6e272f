package org.radflow.config;

import org.radflow.events.jdbc.JdbcOutbox;
import org.radflow.lifecycle.jdbc.JdbcStudyStore;

/** Architecture-rule fixture: the composition root choosing JDBC parts, as it may. */
public final class ArchFixtureComposingJdbcParts {
  JdbcStudyStore store;
  JdbcOutbox outbox;
}
