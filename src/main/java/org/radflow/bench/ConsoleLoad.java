package org.radflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.radflow.lifecycle.ApplyResult;
import org.radflow.lifecycle.CreateResult;
import org.radflow.lifecycle.StudyDraft;
import org.radflow.lifecycle.StudyLifecycle;
import org.radflow.lifecycle.TransitionDraft;
import org.radflow.study.BusinessKey;
import org.radflow.study.EntryKind;
import org.radflow.study.OpenException;
import org.radflow.study.PatientRef;
import org.radflow.study.Reference;
import org.radflow.study.Source;
import org.radflow.study.StudyId;
import org.radflow.study.TransitionType;

/**
 * The studies {@code radflow bench console} measures the pages over, written through {@link
 * StudyLifecycle} by parallel clients, so each row is one radflow writes: the study, its history,
 * its outbox rows, its order numbers and the steps the policies plan, in the transaction of the
 * change that planned them. Which study becomes what is a function of its number alone, so the mix
 * is the same on every run and a load that stopped half-way can be run again: creation and each
 * transition are idempotent, and what is already there is answered as a duplicate.
 *
 * <p>The mix, per thousand: 3 in the exception lane, 20 cancelled, 120 stopped at each stage of the
 * tracks in turn, the rest (857) complete. One report in four has a preliminary before it is final.
 * No step is run (there is no engine in the load): the steps stay as the policies planned them.
 */
final class ConsoleLoad {

  static final String AUTHORITY = "BENCH";

  /** What becomes of a study; the per-thousand shares are the class comment's. */
  enum Fate {
    IN_EXCEPTION,
    CANCELLED,
    IN_FLIGHT,
    COMPLETE;

    static Fate of(int n) {
      int perThousand = n % 1000;
      if (perThousand < 3) {
        return IN_EXCEPTION;
      }
      if (perThousand < 23) {
        return CANCELLED;
      }
      return perThousand < 143 ? IN_FLIGHT : COMPLETE;
    }
  }

  /** Study 999 of every thousand completes: the one whose page and accession are measured. */
  static final int SAMPLE = 999;

  private static final List<TransitionType> CLINICAL =
      List.of(TransitionType.IDENTITY_VALIDATED, TransitionType.PROCEDURE_SCHEDULED);

  private static final List<String> PROCEDURES =
      List.of("CT-HEAD", "CT-CHEST", "MR-KNEE", "XR-CHEST", "US-ABDO", "MR-BRAIN");

  private ConsoleLoad() {}

  /** How the load went: studies written (or found already written) and commands sent. */
  record Loaded(int studies, long commands, double seconds) {
    String format() {
      return String.format(
          Locale.ROOT,
          "loaded %d studies (%d commands) in %.1fs: %.0f studies/s, %.0f commands/s",
          studies,
          commands,
          seconds,
          studies / seconds,
          commands / seconds);
    }
  }

  /** The accession number of study {@code n}. */
  static String accession(int n) {
    return "ACC-" + n;
  }

  static Loaded load(StudyLifecycle lifecycle, int studies, int clients) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicLong commands = new AtomicLong();
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int n = next.getAndIncrement(); n < studies; n = next.getAndIncrement()) {
                    commands.addAndGet(loadOne(lifecycle, n));
                    if ((n + 1) % 10_000 == 0) {
                      System.out.printf(Locale.ROOT, "  %d studies ...%n", n + 1);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return new Loaded(studies, commands.get(), (System.nanoTime() - started) / 1e9);
  }

  /** The transitions study {@code n} goes through after its order, in order. */
  static List<TransitionType> path(int n) {
    List<TransitionType> full = new ArrayList<>(CLINICAL);
    full.add(TransitionType.ACQUISITION_STARTED);
    full.add(TransitionType.ACQUISITION_COMPLETED);
    full.add(TransitionType.IMAGES_COMMITTED);
    if (n % 4 == 0) {
      full.add(TransitionType.REPORT_PRELIMINARY);
    }
    full.add(TransitionType.REPORT_FINALISED);
    full.add(TransitionType.REPORT_PUBLISHED);
    full.add(TransitionType.CHARGE_SEEDED);
    full.add(TransitionType.CLAIM_SUBMITTED);
    full.add(TransitionType.CLAIM_ACCEPTED);
    full.add(TransitionType.FINANCIALLY_RECONCILED);
    return switch (Fate.of(n)) {
      case COMPLETE -> full;
      // every stage in turn, from just ordered to one step short of reconciled (n / 4: the
      // studies with a preliminary report are every fourth, and must stop at every stage too)
      case IN_FLIGHT -> full.subList(0, (n / 4) % full.size());
      case IN_EXCEPTION -> {
        List<TransitionType> stopped = new ArrayList<>(full.subList(0, n % 9));
        stopped.add(TransitionType.EXCEPTION_RAISED);
        yield stopped;
      }
      case CANCELLED -> {
        List<TransitionType> stopped = new ArrayList<>(CLINICAL.subList(0, n % 3));
        stopped.add(TransitionType.STUDY_CANCELLED);
        yield stopped;
      }
    };
  }

  /** Writes study {@code n} and its transitions; returns how many commands it sent. */
  private static int loadOne(StudyLifecycle lifecycle, int n) {
    Source source = new Source("bench-console", "msg-" + n);
    String procedure = PROCEDURES.get(n % PROCEDURES.size());
    CreateResult created =
        lifecycle.open(
            new StudyDraft(
                new BusinessKey(AUTHORITY, accession(n)),
                new PatientRef(AUTHORITY, "P-" + (n % 40_000)),
                EntryKind.SCHEDULED,
                null,
                null,
                source,
                "bench",
                Map.of(
                    "modality",
                    procedure.substring(0, 2),
                    "procedure",
                    procedure,
                    "placerOrderNumber",
                    "PL-" + n,
                    "placerOrderAuthority",
                    AUTHORITY,
                    "fillerOrderNumber",
                    "FI-" + n,
                    "fillerOrderAuthority",
                    AUTHORITY),
                List.of()));
    StudyId id;
    if (created instanceof CreateResult.Created c) {
      id = c.study().id();
    } else if (created instanceof CreateResult.Existing e) {
      id = e.study().id(); // loaded by an earlier run that stopped
    } else {
      throw new IllegalStateException("study " + n + " was not opened: " + created);
    }
    List<TransitionType> path = path(n);
    for (TransitionType type : path) {
      ApplyResult result = lifecycle.apply(id, draft(type, n, source), null);
      if (!(result instanceof ApplyResult.Committed || result instanceof ApplyResult.Duplicate)) {
        throw new IllegalStateException("study " + n + ": " + type + " was not written: " + result);
      }
    }
    return 1 + path.size();
  }

  private static TransitionDraft draft(TransitionType type, int n, Source source) {
    Map<String, String> data =
        switch (type) {
          case EXCEPTION_RAISED ->
              n % 2 == 0
                  ? Map.of(
                      "kind",
                      OpenException.Kind.DEADLINE_MISSED.name(),
                      "reason",
                      "the images were not committed within 4 hours")
                  : Map.of(
                      "kind",
                      OpenException.Kind.STEP_FAILED.name(),
                      "reason",
                      "the claim was rejected: item number not payable");
          case STUDY_CANCELLED -> Map.of("reason", "cancelled by the referrer");
          default -> Map.of();
        };
    List<Reference> references =
        type == TransitionType.REPORT_FINALISED
            ? List.of(new Reference("report-document", "blob://reports/" + n, "sha256:" + n))
            : List.of();
    return new TransitionDraft(
        type,
        type.name().toLowerCase(Locale.ROOT) + "-" + n,
        null,
        source,
        "bench",
        data,
        references);
  }
}
