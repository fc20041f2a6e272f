package org.radflow.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.radflow.blob.BlobRef;
import org.radflow.blob.EncryptingBlobStore;
import org.radflow.blob.FileSystemBlobStore;
import org.radflow.blob.LocalBlobKey;
import org.radflow.config.StoreSettings;
import org.radflow.config.Stores;
import org.radflow.lifecycle.StudyDraft;
import org.radflow.lifecycle.StudyLifecycle;
import org.radflow.lifecycle.StudyQuery;
import org.radflow.lifecycle.TransitionDraft;
import org.radflow.national.DocumentPackage;
import org.radflow.national.NationalRequests;
import org.radflow.national.RetainedRequests;
import org.radflow.orchestration.EngineSettings;
import org.radflow.orchestration.HealthSettings;
import org.radflow.orchestration.Orchestration;
import org.radflow.orchestration.ServiceStatus;
import org.radflow.orchestration.StepRequests;
import org.radflow.ports.HttpPorts;
import org.radflow.simulator.Fault;
import org.radflow.study.AdministrativeState;
import org.radflow.study.BusinessKey;
import org.radflow.study.DistributionState;
import org.radflow.study.EntryKind;
import org.radflow.study.ImagingState;
import org.radflow.study.PatientRef;
import org.radflow.study.Reference;
import org.radflow.study.Source;
import org.radflow.study.TrackState;
import org.radflow.study.TransitionType;
import org.radflow.workflow.RetryPolicy;
import org.radflow.workflow.Service;
import org.radflow.workflow.StepStatus;

/**
 * Complete studies per second through every step, with the simulators over real HTTP (in a process
 * of their own by default, as real systems would be; faults set through their control API): each
 * study is ordered, then its acquisition and final report arrive (the report held until the archive
 * confirms the images), and the engine drives identity, slot, worklist, storage commitment,
 * publication, charge, claim, claim answer and reconciliation. Then the release drain: the national
 * record goes down, studies pile up suspended, it comes back, and the drain rate of the release is
 * measured.
 */
final class WorkflowBench {

  private WorkflowBench() {}

  static int run(String[] args) throws Exception {
    WorkflowBenchOptions options;
    try {
      options = WorkflowBenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      return BenchCommand.usage("workflow", e, WorkflowBenchOptions.USAGE);
    }
    NationalRequests national =
        new NationalRequests(new DocumentPackage.Organisation("8003620000000000", "radflow bench"));
    Path blobDir = Files.createTempDirectory("radflow-bench-blobs");
    EncryptingBlobStore blobs =
        new EncryptingBlobStore(
            new FileSystemBlobStore(blobDir.resolve("data")),
            LocalBlobKey.loadOrCreate(blobDir.resolve("keys")));
    RetainedRequests retainer = new RetainedRequests(blobs, national);
    StepRequests requests =
        options.retain()
            ? new StepRequests(
                Optional.of(blobs),
                Optional.of(retainer),
                national,
                Duration.ofDays(7),
                Duration.ofMinutes(10))
            : StepRequests.builtWhenRun(national);
    StoreSettings settings =
        options.retain()
            ? StoreSettings.defaults().withPayloads(retainer)
            : StoreSettings.defaults();
    int pool = options.clients() + options.workers() + 4;
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (BenchStores.Opened opened =
            options.store().equals("sqlite")
                ? BenchStores.sqlite(pool, settings)
                : BenchStores.postgres(pool, settings);
        BenchSimulators simulators = BenchSimulators.start(options.simulators())) {
      Stores store = opened.stores();
      HealthSettings health =
          new HealthSettings(20, 5, 50f, Duration.ofMillis(200), Duration.ofSeconds(1), 3);
      try (Orchestration orchestration =
          new Orchestration(
              store.studies(),
              store.steps(),
              store.recovery(),
              store.services(),
              HttpPorts.connect(simulators.baseUrls()),
              requests,
              Clock.systemUTC(),
              RetryPolicy.defaults(),
              new EngineSettings(
                  "bench",
                  options.workers(),
                  Duration.ofMillis(20),
                  Duration.ofSeconds(20),
                  Duration.ofMillis(200),
                  Duration.ofHours(24)),
              health,
              meters,
              org.radflow.tracing.Tracing.OFF)) {
        orchestration.start();
        StudyLifecycle lifecycle = new StudyLifecycle(store.studies(), Clock.systemUTC());
        System.out.printf(
            Locale.ROOT,
            "store %s, %d clients, %d workers, national requests %s%n%s%n",
            opened.label(),
            options.clients(),
            options.workers(),
            options.retain() ? "retained (encrypted blobs, file system)" : "built when run",
            simulators.describe());
        if (options.warmupStudies() > 0) {
          // the same work first, unmeasured, so the figure is not the JIT compiler's
          throughput(store, lifecycle, simulators, options, options.warmupStudies(), false);
        }
        throughput(store, lifecycle, simulators, options, options.studies(), true);
        drain(store, lifecycle, simulators, orchestration, options);
        printSteps(meters);
      }
    } finally {
      BenchStores.delete(blobDir);
    }
    return 0;
  }

  /**
   * Orders arrive from the clients; a "modality" loop picks up each study once it is scheduled
   * (slot and worklist entry made by the engine) and sends its acquisition and final report, as a
   * department would. Measured from the first order to the last reconciliation.
   */
  private static void throughput(
      Stores store,
      StudyLifecycle lifecycle,
      BenchSimulators simulators,
      WorkflowBenchOptions options,
      int studies,
      boolean report)
      throws Exception {
    String authority = "WF" + System.currentTimeMillis() % 100_000;
    long reconciledBefore = count(store, AdministrativeState.FINANCIALLY_RECONCILED);
    long stepsBefore = succeededSteps(store);
    WorkflowCpu cpu = WorkflowCpu.start(simulators);
    long start = System.nanoTime();
    AtomicLong next = new AtomicLong();
    ExecutorService clients = Executors.newFixedThreadPool(options.clients() + 1);
    for (int c = 0; c < options.clients(); c++) {
      clients.submit(
          () -> {
            for (long n = next.getAndIncrement(); n < studies; n = next.getAndIncrement()) {
              order(lifecycle, authority, n);
            }
            return null;
          });
    }
    Future<?> modality = clients.submit(() -> acquireAndReport(store, lifecycle, studies));
    clients.shutdown();
    long done =
        awaitCount(
            () -> count(store, AdministrativeState.FINANCIALLY_RECONCILED) - reconciledBefore,
            studies,
            Duration.ofMinutes(15));
    double seconds = (System.nanoTime() - start) / 1e9;
    String cpuUsed = cpu.since(done, seconds);
    modality.cancel(true);
    long steps = succeededSteps(store) - stepsBefore;
    if (!report) {
      return;
    }
    System.out.printf(
        Locale.ROOT,
        "workflow: %d of %d studies complete (order → reconciled) in %.1fs = %.1f complete"
            + " studies/s; %d external steps succeeded = %.0f steps/s%n",
        done,
        studies,
        seconds,
        done / seconds,
        steps,
        steps / seconds);
    System.out.println(cpuUsed);
  }

  private static long succeededSteps(Stores store) {
    return store.services().stepCounts().values().stream()
        .mapToLong(byStatus -> byStatus.getOrDefault(StepStatus.SUCCEEDED, 0L))
        .sum();
  }

  private static void order(StudyLifecycle lifecycle, String authority, long n) {
    lifecycle.open(
        new StudyDraft(
            new BusinessKey(authority, "ACC-" + n),
            new PatientRef("BENCH", "P-" + n),
            EntryKind.SCHEDULED,
            null,
            null,
            new Source("bench", "order-" + n),
            "bench",
            Map.of("modality", "CT", "procedure", "CT-HEAD"),
            List.of()));
  }

  private static Void acquireAndReport(Stores store, StudyLifecycle lifecycle, int studies)
      throws InterruptedException {
    long sent = 0;
    while (sent < studies && !Thread.currentThread().isInterrupted()) {
      List<org.radflow.study.Study> waiting =
          store
              .studies()
              .search(
                  new StudyQuery(
                      null, null, null, ImagingState.NOT_STARTED, 0, StudyQuery.MAX_LIMIT))
              .items()
              .stream()
              .filter(s -> s.clinical() == org.radflow.study.ClinicalState.PROCEDURE_SCHEDULED)
              .toList();
      for (org.radflow.study.Study study : waiting) {
        for (TransitionType type :
            List.of(
                TransitionType.ACQUISITION_STARTED,
                TransitionType.ACQUISITION_COMPLETED,
                TransitionType.REPORT_FINALISED)) {
          lifecycle.apply(
              study.id(),
              new TransitionDraft(
                  type,
                  type.name().toLowerCase(Locale.ROOT),
                  null,
                  new Source("modality", study.businessKey().accessionNumber()),
                  "bench",
                  Map.of(),
                  type == TransitionType.REPORT_FINALISED
                      ? List.of(reportBody(study.businessKey().accessionNumber()))
                      : List.of()),
              null);
        }
        sent++;
      }
      Thread.sleep(50); // a department's modalities, not a busy loop competing with radflow
    }
    return null;
  }

  private static void drain(
      Stores store,
      StudyLifecycle lifecycle,
      BenchSimulators simulators,
      Orchestration orchestration,
      WorkflowBenchOptions options)
      throws Exception {
    for (Service service : Service.values()) {
      orchestration.configureRelease(
          service, ServiceStatus.ReleaseMode.MANUAL, options.releaseRate(), "bench");
    }
    simulators.control().fault(Service.NATIONAL_RECORD, Fault.down());
    String authority = "DR" + System.currentTimeMillis() % 100_000;
    for (long n = 0; n < options.drainStudies(); n++) {
      lifecycle.open(
          new StudyDraft(
              new BusinessKey(authority, "ACC-" + n),
              new PatientRef("BENCH", "P-D" + n),
              EntryKind.OUTSIDE_IMPORT,
              ImagingState.REPORT_FINALISED,
              null,
              new Source("bench", "import-" + n),
              "bench",
              Map.of("procedure", "CT-HEAD"),
              List.of(reportBody(authority + "/ACC-" + n))));
    }
    awaitCount(
        () ->
            store
                .services()
                .stepCounts()
                .get(Service.NATIONAL_RECORD)
                .getOrDefault(StepStatus.SUSPENDED, 0L),
        options.drainStudies(),
        Duration.ofMinutes(10));
    simulators.control().fault(Service.NATIONAL_RECORD, Fault.none());
    awaitState(store, ServiceStatus.State.RECOVERED, Duration.ofMinutes(2));
    long published0 = count(store, DistributionState.PUBLISHED);
    long start = System.nanoTime();
    orchestration.release(Service.NATIONAL_RECORD, "bench", "drain measurement", false);
    long target = published0 + options.drainStudies();
    awaitCount(() -> count(store, DistributionState.PUBLISHED), target, Duration.ofMinutes(10));
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "release drain: %d suspended publications released at a configured %.0f/s, all published"
            + " in %.1fs = %.0f publications/s%n",
        options.drainStudies(),
        options.releaseRate(),
        seconds,
        options.drainStudies() / seconds);
  }

  /** Where the time went: each step kind's outcomes, count and mean time from claim to commit. */
  private static void printSteps(SimpleMeterRegistry meters) {
    for (String name : List.of("radflow.steps.call", "radflow.steps.commit")) {
      meters
          .find(name)
          .timers()
          .forEach(
              t ->
                  System.out.printf(
                      Locale.ROOT,
                      "  %-38s %6d   mean %7.1f ms   max %7.1f ms%n",
                      name
                          + t.getId().getTags().stream()
                              .map(g -> " " + g.getValue())
                              .reduce("", String::concat),
                      t.count(),
                      t.mean(java.util.concurrent.TimeUnit.MILLISECONDS),
                      t.max(java.util.concurrent.TimeUnit.MILLISECONDS)));
    }
    meters.find("radflow.steps").timers().stream()
        .sorted(
            java.util.Comparator.comparing(
                (io.micrometer.core.instrument.Timer t) -> t.getId().getTag("kind")))
        .forEach(
            t ->
                System.out.printf(
                    Locale.ROOT,
                    "  %-28s %-9s %6d   mean %7.1f ms   max %7.1f ms%n",
                    t.getId().getTag("kind"),
                    t.getId().getTag("outcome"),
                    t.count(),
                    t.mean(java.util.concurrent.TimeUnit.MILLISECONDS),
                    t.max(java.util.concurrent.TimeUnit.MILLISECONDS)));
  }

  private static long count(Stores store, TrackState state) {
    return store.studies().search(new StudyQuery(null, null, null, state, 0, 1)).total();
  }

  private static long awaitCount(LongSupplier count, long target, Duration patience)
      throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    long seen = count.getAsLong();
    while (seen < target && System.nanoTime() < deadline) {
      Thread.sleep(250);
      seen = count.getAsLong();
    }
    return seen;
  }

  private static void awaitState(Stores store, ServiceStatus.State state, Duration patience)
      throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      boolean reached =
          store.services().services().stream()
              .anyMatch(s -> s.service() == Service.NATIONAL_RECORD && s.state() == state);
      if (reached) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("national record never reached " + state);
  }

  /** A report's body in the blob store, as a reporting system names it: a reference, no text. */
  private static Reference reportBody(String accession) {
    BlobRef body = BlobRef.of(("report of " + accession).getBytes(StandardCharsets.UTF_8));
    return new Reference("report", body.uri().toString(), body.contentHash());
  }
}
