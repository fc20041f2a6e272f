package org.radflow.api;

import org.radflow.lifecycle.jdbc.JdbcStudyStore;

/** Architecture-rule fixture: an adapter reaching a feature's JDBC part. */
public final class ArchFixtureUsingJdbcStore {
  JdbcStudyStore store;
}
