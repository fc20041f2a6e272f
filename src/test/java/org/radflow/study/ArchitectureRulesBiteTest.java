package org.radflow.study;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.net.URI;
import java.net.URL;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.radflow.ArchitectureTest;

/**
 * The architecture rules run against production classes only, where they currently find nothing;
 * these fixtures (test classes placed in the model package) show each rule does catch a violation.
 */
class ArchitectureRulesBiteTest {

  static final class ReadsTheClock {
    Instant stamp() {
      return Instant.now();
    }
  }

  static final class ReadsTheSystemClock {
    Clock clock() {
      return Clock.systemUTC();
    }
  }

  static final class ReadsMillis {
    long stamp() {
      return System.currentTimeMillis();
    }
  }

  static final class UsesJdbc {
    Timestamp at;
  }

  static final class FetchesUrls {
    URL where;
  }

  static final class HoldsAUri {
    URI where;
  }

  private static EvaluationResult evaluate(ArchRule rule, Class<?>... fixtures) {
    JavaClasses classes = new ClassFileImporter().importClasses(fixtures);
    return rule.evaluate(classes);
  }

  @Test
  void reading_the_clock_is_caught() {
    assertThat(
            evaluate(ArchitectureTest.model_never_reads_the_clock, ReadsTheClock.class)
                .hasViolation())
        .isTrue();
    assertThat(
            evaluate(ArchitectureTest.model_never_reads_the_clock, ReadsTheSystemClock.class)
                .hasViolation())
        .isTrue();
    assertThat(
            evaluate(ArchitectureTest.model_never_reads_the_clock, ReadsMillis.class)
                .hasViolation())
        .isTrue();
  }

  @Test
  void a_jdbc_dependency_is_caught() {
    assertThat(
            evaluate(
                    ArchitectureTest.model_depends_on_no_framework_database_or_transport,
                    UsesJdbc.class)
                .hasViolation())
        .isTrue();
  }

  @Test
  void networking_is_caught_but_a_uri_is_fine() {
    assertThat(
            evaluate(ArchitectureTest.model_does_no_networking, FetchesUrls.class).hasViolation())
        .isTrue();
    assertThat(evaluate(ArchitectureTest.model_does_no_networking, HoldsAUri.class).hasViolation())
        .isFalse();
  }

  @Test
  void plain_model_classes_pass() {
    assertThat(
            evaluate(
                    ArchitectureTest.model_never_reads_the_clock,
                    StudyRules.class,
                    Study.class,
                    Transition.class)
                .hasViolation())
        .isFalse();
  }
}
