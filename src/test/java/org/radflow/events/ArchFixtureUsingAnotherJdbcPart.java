package org.radflow.events;

import org.radflow.lifecycle.jdbc.JdbcStudyStore;

/** Architecture-rule fixture: a feature reaching another feature's JDBC part. */
public final class ArchFixtureUsingAnotherJdbcPart {
  JdbcStudyStore store;
}
