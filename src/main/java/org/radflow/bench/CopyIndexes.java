package org.radflow.bench;

import static java.util.stream.Collectors.joining;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The secondary indexes of the tables a copy writes, set aside while it runs and built again after
 * it from their own definitions (the statement of radflow's migration that made it on PostgreSQL,
 * SQLite's {@code sqlite_master.sql}, which is that statement verbatim), so the store ends with
 * exactly the indexes radflow's migrations made. A million studies are some 35 million rows:
 * maintaining a dozen indexes per table row by row, at random places of random UUIDs, costs several
 * times what building each once, sorted, does. Primary keys and unique constraints stay, so the
 * copy still meets them. The definitions are kept in a table of the store ({@code copy_set_aside})
 * until each is built again, so a copy that stops half-way leaves them to the next run, never lost.
 */
final class CopyIndexes {

  private static final String TABLES =
      "('study', 'study_history', 'idempotency_key', 'step', 'outbox')";

  private CopyIndexes() {}

  /** Drops the secondary indexes of the copied tables, their definitions kept; returns how many. */
  static int setAside(Connection c, boolean sqlite) throws SQLException {
    Map<String, String> indexes = new LinkedHashMap<>();
    try (Statement s = c.createStatement()) {
      s.execute(
          "create table if not exists copy_set_aside (name varchar(200) primary key, definition"
              + " text not null)");
      String query =
          sqlite
              ? "select name, sql from sqlite_master where type = 'index' and sql is not null"
                  + " and tbl_name in "
                  + TABLES
              : "select indexname, indexdef from pg_indexes where schemaname = current_schema()"
                  + " and tablename in "
                  + TABLES
                  + " and indexname not in (select conname from pg_constraint where"
                  + " connamespace = current_schema()::regnamespace)";
      Map<String, String> migrated = sqlite ? Map.of() : migrationIndexes("postgresql");
      try (ResultSet r = s.executeQuery(query)) {
        while (r.next()) {
          String name = r.getString(1);
          // PostgreSQL's indexdef does not give back the migration's text (an IN list comes
          // back as another expression): build from the migration's own statement, and keep any
          // index it does not state
          String definition = sqlite ? r.getString(2) : migrated.get(name);
          if (definition != null) {
            indexes.put(name, definition);
          }
        }
      }
    }
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (PreparedStatement keep =
            c.prepareStatement("insert into copy_set_aside (name, definition) values (?, ?)");
        Statement s = c.createStatement()) {
      for (Map.Entry<String, String> index : indexes.entrySet()) {
        keep.setString(1, index.getKey());
        keep.setString(2, index.getValue());
        keep.executeUpdate();
        s.execute("drop index " + index.getKey());
      }
      c.commit();
    } finally {
      c.setAutoCommit(autoCommit);
    }
    return indexes.size();
  }

  /** Builds every index set aside again, one committed at a time; returns how many. */
  static int rebuild(Connection c, boolean sqlite) throws SQLException {
    Map<String, String> indexes = new LinkedHashMap<>();
    try (Statement s = c.createStatement()) {
      if (!sqlite) {
        s.execute("set maintenance_work_mem = '256MB'"); // the server's, per session: sorts
      }
      String exists =
          sqlite
              ? "select count(*) from sqlite_master where name = 'copy_set_aside'"
              : "select count(*) from pg_tables where schemaname = current_schema() and"
                  + " tablename = 'copy_set_aside'";
      try (ResultSet r = s.executeQuery(exists)) {
        r.next();
        if (r.getLong(1) == 0) {
          return 0;
        }
      }
      try (ResultSet r = s.executeQuery("select name, definition from copy_set_aside")) {
        while (r.next()) {
          indexes.put(r.getString(1), r.getString(2));
        }
      }
    }
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (PreparedStatement built = c.prepareStatement("delete from copy_set_aside where name = ?");
        Statement s = c.createStatement()) {
      for (Map.Entry<String, String> index : indexes.entrySet()) {
        s.execute(index.getValue());
        built.setString(1, index.getKey());
        built.executeUpdate();
        c.commit();
      }
      s.execute("drop table copy_set_aside");
      c.commit();
    } finally {
      c.setAutoCommit(autoCommit);
    }
    return indexes.size();
  }

  /**
   * Each index's {@code create index} statement as the latest of radflow's migrations for {@code
   * database} states it (a later migration may drop an index and create it again otherwise).
   */
  static Map<String, String> migrationIndexes(String database) {
    Pattern create =
        Pattern.compile(
            "create\\s+(unique\\s+)?index\\s+(if\\s+not\\s+exists\\s+)?(\\w+)\\s",
            Pattern.CASE_INSENSITIVE);
    Map<String, String> indexes = new LinkedHashMap<>();
    try {
      Resource[] migrations =
          new PathMatchingResourcePatternResolver()
              .getResources("classpath*:db/migration/" + database + "/V*__*.sql");
      Arrays.sort(migrations, Comparator.comparingInt(CopyIndexes::version));
      for (Resource migration : migrations) {
        String text = migration.getContentAsString(StandardCharsets.UTF_8);
        String code = text.lines().map(l -> l.replaceFirst("--.*", "")).collect(joining("\n"));
        for (String statement : code.split(";")) {
          Matcher m = create.matcher(statement.strip());
          if (m.lookingAt()) {
            indexes.put(m.group(3), statement.strip());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read radflow's migrations", e);
    }
    return indexes;
  }

  private static int version(Resource migration) {
    String name = migration.getFilename();
    return Integer.parseInt(name.substring(1, name.indexOf("__")));
  }
}
