package org.radflow.lifecycle.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.radflow.study.BusinessKey;
import org.radflow.study.EntryKind;
import org.radflow.study.ImagingState;
import org.radflow.study.NewStudy;
import org.radflow.study.PatientRef;
import org.radflow.study.Reference;
import org.radflow.study.Source;
import org.radflow.study.StudyId;
import org.radflow.study.Transition;
import org.radflow.study.TransitionType;

/** The commands the store tests send. Every time is explicit, counted in minutes from T0. */
public final class Commands {

  public static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  public static final String AUTHORITY = "RAD-HOSP";
  public static final PatientRef PATIENT_A = new PatientRef("IHI", "8003608166690503");
  public static final PatientRef PATIENT_B = new PatientRef("IHI", "8003608833357361");
  public static final PatientRef PATIENT_C = new PatientRef("MRN", "00012345");

  private Commands() {}

  public static Instant at(int minutes) {
    return T0.plusSeconds(60L * minutes);
  }

  /** A scheduled study for patient A, learned at T0, unless told otherwise. */
  public static StudyBuilder study(String accessionNumber) {
    return new StudyBuilder(accessionNumber);
  }

  /** A transition that happened and was learned at the same minute. */
  public static Transition transition(TransitionType type, String key, int minutes) {
    return transition(type, key, minutes, Map.of(), List.of());
  }

  public static Transition transition(
      TransitionType type,
      String key,
      int minutes,
      Map<String, String> data,
      List<Reference> references) {
    return new Transition(
        type,
        key,
        at(minutes),
        at(minutes),
        new Source("ris", "MSG-" + key),
        "hl7-inbound",
        data,
        references);
  }

  /** The same business transition delivered again by another transport attempt. */
  public static Transition resent(
      Transition original, String messageRef, String actor, Instant learned) {
    return new Transition(
        original.type(),
        original.idempotencyKey(),
        original.businessTime(),
        learned,
        new Source(original.source().system(), messageRef),
        actor,
        original.data(),
        original.references());
  }

  /** ADT^A40: the study's patient merged into {@code surviving}. */
  public static Transition merge(PatientRef surviving, String key, int minutes) {
    return transition(
        TransitionType.PATIENT_MERGED,
        key,
        minutes,
        Map.of("survivingAuthority", surviving.assigningAuthority(), "survivingId", surviving.id()),
        List.of());
  }

  /** Runs {@code task} on {@code threads} threads released at the same instant. */
  public static <T> List<T> concurrently(int threads, IntFunction<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int n = i;
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return task.apply(n);
                }));
      }
      ready.await();
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  public static final class StudyBuilder {
    private StudyId id = StudyId.random();
    private String authority = AUTHORITY;
    private final String accessionNumber;
    private PatientRef patient = PATIENT_A;
    private EntryKind entryKind = EntryKind.SCHEDULED;
    private ImagingState joinedAt = ImagingState.NOT_STARTED;
    private Instant recordTime = T0;
    private Source source = new Source("ris", "ORM-1");
    private String actor = "hl7-inbound";
    private Map<String, String> attributes = Map.of("modality", "CT");

    private StudyBuilder(String accessionNumber) {
      this.accessionNumber = accessionNumber;
    }

    public StudyBuilder id(StudyId value) {
      id = value;
      return this;
    }

    public StudyBuilder authority(String value) {
      authority = value;
      return this;
    }

    public StudyBuilder patient(PatientRef value) {
      patient = value;
      return this;
    }

    public StudyBuilder joining(EntryKind kind, ImagingState at) {
      entryKind = kind;
      joinedAt = at;
      return this;
    }

    /** When radflow learned of the order; the business time stays T0. */
    public StudyBuilder learnedAt(Instant value) {
      recordTime = value;
      return this;
    }

    public StudyBuilder source(Source value) {
      source = value;
      return this;
    }

    public StudyBuilder actor(String value) {
      actor = value;
      return this;
    }

    public StudyBuilder attributes(Map<String, String> value) {
      attributes = value;
      return this;
    }

    public NewStudy build() {
      return new NewStudy(
          id,
          new BusinessKey(authority, accessionNumber),
          patient,
          entryKind,
          joinedAt,
          T0,
          recordTime,
          source,
          actor,
          attributes,
          List.of());
    }
  }
}
