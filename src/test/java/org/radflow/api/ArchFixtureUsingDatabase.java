package org.radflow.api;

import org.radflow.db.Database;

/** Architecture-rule fixture: an adapter reaching the shared unit of work. */
public final class ArchFixtureUsingDatabase {
  Database database;
}
