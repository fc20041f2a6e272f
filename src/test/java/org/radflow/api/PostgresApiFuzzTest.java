package org.radflow.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.radflow.db.TestPostgres;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The fuzz test against PostgreSQL, in a schema of this class's own. SQLite stores a string of any
 * length in a {@code varchar(64)}; PostgreSQL refuses it, so only here would a value the API let
 * through longer than its column show up, as a 500.
 */
@ExtendWith(TestPostgres.Required.class)
@DirtiesContext // the context's pool points at a schema that is dropped after the class
class PostgresApiFuzzTest extends ApiFuzzTest {

  static TestPostgres.Schema schema;

  @BeforeAll
  static void createSchema() {
    schema = TestPostgres.freshSchema();
  }

  @AfterAll
  static void dropSchema() {
    if (schema != null) {
      schema.close();
    }
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    PostgresApiTest.onSchema(registry, () -> schema);
  }
}
