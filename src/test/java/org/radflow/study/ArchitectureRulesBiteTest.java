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
import org.radflow.api.ArchFixtureUsingDatabase;
import org.radflow.api.ArchFixtureUsingFrontDoor;
import org.radflow.api.ArchFixtureUsingJdbcStore;
import org.radflow.archfixturea.CycleFixtureA;
import org.radflow.archfixturea.LeafFixture;
import org.radflow.archfixturea.SameSliceFixture;
import org.radflow.archfixturea.jdbc.SameSliceJdbcFixture;
import org.radflow.archfixtureb.CycleFixtureB;
import org.radflow.archfixturec.OneWayFixture;
import org.radflow.config.ArchFixtureComposingJdbcParts;
import org.radflow.events.ArchFixtureUsingAnotherJdbcPart;
import org.radflow.events.ArchFixtureUsingItsOwnJdbcPart;
import org.radflow.hl7.ArchFixtureUsingStudyStore;

/**
 * The architecture rules run against production classes only; these fixtures (test classes placed
 * in the model package, or named {@code ArchFixture…} / {@code …Fixture} in the packages a rule is
 * about) show each rule does catch a violation, and lets clean code through.
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

  @Test
  void a_cycle_between_features_is_caught() {
    assertThat(
            evaluate(
                    ArchitectureTest.features_are_free_of_cycles,
                    CycleFixtureA.class,
                    CycleFixtureB.class)
                .hasViolation())
        .isTrue();
  }

  @Test
  void one_way_dependencies_and_a_feature_with_its_own_jdbc_part_are_no_cycle() {
    assertThat(
            evaluate(
                    ArchitectureTest.features_are_free_of_cycles,
                    OneWayFixture.class,
                    LeafFixture.class,
                    SameSliceFixture.class,
                    SameSliceJdbcFixture.class)
                .hasViolation())
        .isFalse();
  }

  @Test
  void an_adapter_reaching_a_jdbc_part_or_the_database_is_caught() {
    assertThat(
            evaluate(
                    ArchitectureTest.adapters_do_not_reach_store_implementations,
                    ArchFixtureUsingJdbcStore.class)
                .hasViolation())
        .isTrue();
    assertThat(
            evaluate(
                    ArchitectureTest.adapters_do_not_reach_store_implementations,
                    ArchFixtureUsingDatabase.class)
                .hasViolation())
        .isTrue();
  }

  @Test
  void an_adapter_through_the_front_door_reaches_no_store_implementation() {
    assertThat(
            evaluate(
                    ArchitectureTest.adapters_do_not_reach_store_implementations,
                    ArchFixtureUsingFrontDoor.class)
                .hasViolation())
        .isFalse();
  }

  @Test
  void an_adapter_using_the_study_store_is_caught() {
    assertThat(
            evaluate(
                    ArchitectureTest.adapters_do_not_use_the_study_store,
                    ArchFixtureUsingStudyStore.class)
                .hasViolation())
        .isTrue();
  }

  @Test
  void an_adapter_using_the_lifecycle_and_the_reads_passes() {
    assertThat(
            evaluate(
                    ArchitectureTest.adapters_do_not_use_the_study_store,
                    ArchFixtureUsingFrontDoor.class)
                .hasViolation())
        .isFalse();
  }

  @Test
  void a_feature_reaching_a_jdbc_part_is_caught() {
    assertThat(
            evaluate(
                    ArchitectureTest
                        .jdbc_parts_are_used_only_by_their_feature_and_composition_roots,
                    ArchFixtureUsingAnotherJdbcPart.class)
                .hasViolation())
        .isTrue();
    assertThat(
            evaluate(
                    ArchitectureTest
                        .jdbc_parts_are_used_only_by_their_feature_and_composition_roots,
                    ArchFixtureUsingItsOwnJdbcPart.class)
                .hasViolation())
        .isTrue();
    assertThat(
            evaluate(
                    ArchitectureTest
                        .jdbc_parts_are_used_only_by_their_feature_and_composition_roots,
                    ArchFixtureUsingJdbcStore.class)
                .hasViolation())
        .isTrue();
  }

  @Test
  void the_composition_root_and_a_jdbc_part_may_use_jdbc_parts_and_the_rest_uses_seams() {
    assertThat(
            evaluate(
                    ArchitectureTest
                        .jdbc_parts_are_used_only_by_their_feature_and_composition_roots,
                    ArchFixtureUsingFrontDoor.class,
                    ArchFixtureComposingJdbcParts.class,
                    SameSliceJdbcFixture.class)
                .hasViolation())
        .isFalse();
  }
}
