package org.radflow.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rule that keeps rolling upgrades possible (docs/operations.md, "Zero-downtime upgrades"):
 * both databases get the same numbered files, and from V15 on a migration only expands the schema,
 * so the previous release's nodes keep working on it. Contracting (dropping, renaming, retyping,
 * tightening) waits for a later release, and is listed in {@link #REVIEWED} with its reason.
 */
class MigrationRulesTest {

  private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
  private static final List<String> DIALECTS = List.of("postgresql", "sqlite");

  /** V1 to V14 were written before the rule and before any installation upgraded in place. */
  static final int FIRST_RULED_VERSION = 15;

  /**
   * Contracting migrations that were reviewed: the file name, then why the previous release no
   * longer reads what it removes. Empty: none yet.
   */
  static final Map<String, String> REVIEWED = Map.of();

  private static final Pattern FILE = Pattern.compile("V(\\d+)__[a-z0-9_]+\\.sql");

  /** What the previous release's code may still read or write, named by why it breaks it. */
  static final Map<String, Pattern> CONTRACTING =
      Map.of(
          "drops a column the previous release reads",
          Pattern.compile("\\bdrop\\s+column\\b"),
          "drops a table the previous release reads",
          Pattern.compile("\\bdrop\\s+table\\b"),
          "renames what the previous release names",
          Pattern.compile("\\brename\\b"),
          "changes a column's type under the previous release",
          Pattern.compile("\\balter\\s+column\\s+\\w+\\s+(set\\s+data\\s+)?type\\b"),
          "makes a column required that the previous release leaves empty",
          Pattern.compile("\\bset\\s+not\\s+null\\b"),
          "adds a required column without a default, which the previous release's inserts omit",
          Pattern.compile(
              "\\badd\\s+(column\\s+)?(?:(?!\\bdefault\\b)[^;,])*\\bnot\\s+null\\b"
                  + "(?:(?!\\bdefault\\b)[^;,])*(?:[;,]|$)"));

  @Test
  void bothDatabasesHaveTheSameNumberedFiles() throws IOException {
    Set<String> postgresql = files("postgresql");
    Set<String> sqlite = files("sqlite");
    assertThat(postgresql).as("migrations").isNotEmpty();
    assertThat(sqlite).as("SQLite's migrations equal PostgreSQL's").isEqualTo(postgresql);
    for (String name : postgresql) {
      assertThat(FILE.matcher(name).matches())
          .as("%s is named V<n>__lower_case_words.sql", name)
          .isTrue();
    }
    assertThat(postgresql.stream().map(MigrationRulesTest::version).distinct().count())
        .as("each version is one file")
        .isEqualTo(postgresql.size());
  }

  @Test
  void migrationsFromV15OnOnlyExpandTheSchema() throws IOException {
    List<String> broken = new ArrayList<>();
    for (String dialect : DIALECTS) {
      for (String name : files(dialect)) {
        if (version(name) < FIRST_RULED_VERSION || REVIEWED.containsKey(name)) {
          continue;
        }
        for (String why :
            contractions(Files.readString(MIGRATIONS.resolve(dialect).resolve(name)))) {
          broken.add(dialect + "/" + name + " " + why);
        }
      }
    }
    assertThat(broken)
        .as("expand now, contract in a later release (docs/operations.md); or add to REVIEWED")
        .isEmpty();
  }

  @Test
  void theRuleCatchesEachContractionAndPassesExpansions() {
    assertThat(contractions("alter table study drop column note;")).hasSize(1);
    assertThat(contractions("DROP TABLE old_inbox;")).hasSize(1);
    assertThat(contractions("alter table step rename column target_ref to target;")).hasSize(1);
    assertThat(contractions("alter table step rename to steps;")).hasSize(1);
    assertThat(contractions("alter table step alter column target_ref type text;")).hasSize(1);
    assertThat(contractions("alter table step alter column target_ref set data type text;"))
        .hasSize(1);
    assertThat(contractions("alter table step alter column urgent set not null;")).hasSize(1);
    assertThat(contractions("alter table step add column trace varchar(55) not null;")).hasSize(1);

    assertThat(contractions("alter table step add column trace varchar(55);")).isEmpty();
    assertThat(contractions("alter table step add column urgent boolean not null default false;"))
        .isEmpty();
    assertThat(contractions("create table trace (id bigint not null primary key);")).isEmpty();
    assertThat(contractions("create index step_trace on step (trace);")).isEmpty();
    assertThat(contractions("-- we never drop column x here\nselect 1;")).isEmpty();
  }

  /** Why the SQL would break the previous release, once per reason; comments are not SQL. */
  static List<String> contractions(String sql) {
    String code = sql.replaceAll("--[^\\n]*", " ").replaceAll("(?s)/\\*.*?\\*/", " ").toLowerCase();
    List<String> reasons = new ArrayList<>();
    for (var rule : new TreeSet<>(CONTRACTING.keySet())) {
      Matcher m = CONTRACTING.get(rule).matcher(code);
      if (m.find()) {
        reasons.add(rule + ": '" + m.group().strip() + "'");
      }
    }
    return reasons;
  }

  private static Set<String> files(String dialect) throws IOException {
    try (Stream<Path> listed = Files.list(MIGRATIONS.resolve(dialect))) {
      Set<String> names = new TreeSet<>();
      listed.map(p -> p.getFileName().toString()).forEach(names::add);
      return names;
    }
  }

  private static int version(String name) {
    Matcher m = FILE.matcher(name);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a migration file name: " + name);
    }
    return Integer.parseInt(m.group(1));
  }
}
