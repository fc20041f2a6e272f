package org.radflow;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import org.radflow.db.StoreException;
import org.radflow.lifecycle.StudyStore;

/**
 * Keeps the study model plain Java with time arriving in commands, and Spring and JDBC at their
 * edges.
 */
@AnalyzeClasses(packages = "org.radflow", importOptions = ImportOption.DoNotIncludeTests.class)
public class ArchitectureTest {

  /** The study model and the workflow rules: plain Java, read in one sitting. */
  private static final String[] MODEL = {"org.radflow.study..", "org.radflow.workflow.."};

  /** The inbound adapters: they translate and enter through the lifecycle's front door. */
  private static final String[] ADAPTERS = {
    "org.radflow.api..", "org.radflow.console..", "org.radflow.hl7..", "org.radflow.ingest.."
  };

  @ArchTest
  public static final ArchRule model_depends_on_no_framework_database_or_transport =
      noClasses()
          .that()
          .resideInAnyPackage(MODEL)
          .should()
          .dependOnClassesThat(
              resideInAnyPackage(
                  "org.springframework..",
                  "java.sql..",
                  "javax.sql..",
                  "com.fasterxml..",
                  "tools.jackson..",
                  "org.apache.kafka..",
                  "ca.uhn..",
                  "org.flywaydb..",
                  "jakarta.."))
          .because("the model is plain Java so it can be read and tested exhaustively");

  @ArchTest
  public static final ArchRule model_does_no_networking =
      noClasses()
          .that()
          .resideInAnyPackage(MODEL)
          .should()
          .dependOnClassesThat(resideInAPackage("java.net..").and(not(equivalentTo(URI.class))))
          .because("the model holds references, it does not fetch them");

  @ArchTest
  public static final ArchRule model_never_reads_the_clock =
      noClasses()
          .that()
          .resideInAnyPackage(MODEL)
          .should()
          .callMethod(Instant.class, "now")
          .orShould()
          .callMethod(Clock.class, "systemUTC")
          .orShould()
          .callMethod(Clock.class, "systemDefaultZone")
          .orShould()
          .callMethod(System.class, "currentTimeMillis")
          .because("time arrives inside commands, so the rules stay pure and testable");

  @ArchTest
  public static final ArchRule jdbc_lives_only_in_db_and_the_features_jdbc_parts =
      noClasses()
          .that()
          .resideOutsideOfPackages("org.radflow.db..", "org.radflow..jdbc..", "org.radflow.bench..")
          .should()
          .dependOnClassesThat(resideInAnyPackage("java.sql..", "javax.sql..", "org.flywaydb.."))
          .because("SQLException never leaves a store implementation");

  @ArchTest
  public static final ArchRule spring_stays_at_the_edges =
      noClasses()
          .that()
          .resideInAnyPackage(
              "org.radflow.study..",
              "org.radflow.db..",
              "org.radflow.audit..",
              "org.radflow.lifecycle..",
              "org.radflow.events..",
              "org.radflow.webhook..",
              "org.radflow.ingest..",
              "org.radflow.hl7..",
              "org.radflow.workflow..",
              "org.radflow.orchestration..",
              "org.radflow.ports..",
              "org.radflow.simulator..",
              "org.radflow.deadletter..",
              "org.radflow.metrics..",
              "org.radflow.blob..",
              "org.radflow.svg..",
              "org.radflow.tracing..")
          .should()
          .dependOnClassesThat(resideInAPackage("org.springframework.."))
          .because("the core is plain constructors, wired in org.radflow.config");

  @ArchTest
  public static final ArchRule the_aws_sdk_lives_only_in_the_blob_store =
      noClasses()
          .that()
          .resideOutsideOfPackage("org.radflow.blob..")
          .should()
          .dependOnClassesThat(resideInAPackage("software.amazon.awssdk.."))
          .because("S3 is one way to keep blobs; the rest of radflow sees only BlobStore");

  @ArchTest
  public static final ArchRule features_are_free_of_cycles =
      slices()
          .matching("org.radflow.(*)..")
          .should()
          .beFreeOfCycles()
          .because("a feature, with its JDBC part, can be read and changed without its dependents");

  @ArchTest
  public static final ArchRule adapters_do_not_reach_store_implementations =
      noClasses()
          .that()
          .resideInAnyPackage(ADAPTERS)
          .should()
          .dependOnClassesThat(
              resideInAnyPackage("org.radflow..jdbc..", "org.radflow.db..")
                  .and(not(belongToAnyOf(StoreException.class))))
          .because(
              "adapters translate; how a feature keeps its rows is its own business (StoreException"
                  + " is the fault every store seam throws, which adapters answer as AE or 503)");

  @ArchTest
  public static final ArchRule adapters_do_not_use_the_study_store =
      noClasses()
          .that()
          .resideInAnyPackage(ADAPTERS)
          .should()
          .dependOnClassesThat(equivalentTo(StudyStore.class))
          .because("adapters enter through StudyLifecycle and read through StudyReads");

  @ArchTest
  public static final ArchRule jdbc_parts_are_used_only_by_their_feature_and_composition_roots =
      noClasses()
          .that()
          .resideOutsideOfPackages(
              "org.radflow..jdbc..", "org.radflow.config..", "org.radflow.bench..")
          .should()
          .dependOnClassesThat(resideInAPackage("org.radflow..jdbc.."))
          .because(
              "a feature is used through its interfaces; config and bench choose the JDBC part");

  @ArchTest
  public static final ArchRule the_demo_reads_radflow_only_from_outside =
      noClasses()
          .that()
          .resideInAPackage("org.radflow.demo..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("org.radflow..")
                  .and(
                      not(
                          resideInAnyPackage(
                              "org.radflow.demo..",
                              "org.radflow.simulator..",
                              "org.radflow.svg..")))
                  .and(
                      not(
                          belongToAnyOf(
                              org.radflow.RadflowApplication.class,
                              org.radflow.RadflowMain.class,
                              org.radflow.workflow.Service.class,
                              org.radflow.workflow.IhiRules.class,
                              org.radflow.hl7.Hl7Service.class,
                              org.radflow.hl7.MllpListener.class))))
          .because(
              "the demo checks radflow as an integration team would: through the API, the"
                  + " simulators and the events; it starts the server and asks it only its MLLP"
                  + " port, and makes its patients' IHIs with the IHI's own check digit");
}
