package org.radflow.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.radflow.lifecycle.Page;
import org.radflow.lifecycle.StudyQuery;
import org.radflow.lifecycle.StudyReads;
import org.radflow.study.BusinessKey;
import org.radflow.study.EndToEndStatus;
import org.radflow.study.PatientRef;
import org.radflow.study.Study;
import org.radflow.study.StudyId;

/**
 * The reads the scale bench times, through radflow's own store ({@link StudyReads}, as the API and
 * the console call it), one at a time: a study by id and by accession, for random studies drawn
 * from the whole store, and the first page of a search by status and by patient. Each read is
 * checked (the study found is the one asked for, a search answers), so a fast wrong answer is never
 * timed.
 */
final class ScaleReads {

  /** Studies per search page, as the console asks for them. */
  static final int PAGE = 50;

  /** A study drawn at random: what it is looked up and searched by. */
  record Sample(StudyId id, BusinessKey key, PatientRef patient) {}

  /** One kind of read, timed: how many, and their sorted latencies. */
  record Timed(String what, long[] sortedNanos, String note) {
    String format() {
      return String.format(
          Locale.ROOT,
          "%-44s %7d %9.2f %9.2f %9.2f  %s",
          what,
          sortedNanos.length,
          TransitionsBench.LatencyRecorder.millis(sortedNanos, 0.50),
          TransitionsBench.LatencyRecorder.millis(sortedNanos, 0.99),
          sortedNanos.length == 0 ? Double.NaN : sortedNanos[sortedNanos.length - 1] / 1e6,
          note);
    }
  }

  private ScaleReads() {}

  /** {@code n} studies drawn at random from the whole store. */
  static List<Sample> randomStudies(BenchStores.Location location, int n) throws SQLException {
    List<Sample> samples = new ArrayList<>();
    try (Connection c =
            DriverManager.getConnection(location.url(), location.user(), location.password());
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "select id, assigning_authority, accession_number, patient_authority, patient_id"
                    + " from study order by random() limit "
                    + n)) {
      while (r.next()) {
        samples.add(
            new Sample(
                StudyId.parse(r.getString("id")),
                new BusinessKey(
                    r.getString("assigning_authority"), r.getString("accession_number")),
                new PatientRef(r.getString("patient_authority"), r.getString("patient_id"))));
      }
    }
    return samples;
  }

  static Timed byId(StudyReads reads, List<Sample> samples) {
    return time(
        "study by id (StudyReads.find)",
        samples,
        sample -> {
          Study study = reads.find(sample.id()).orElseThrow(() -> missing(sample));
          require(study.businessKey().equals(sample.key()), sample, "read back as " + study);
        },
        "");
  }

  static Timed byAccession(StudyReads reads, List<Sample> samples) {
    return time(
        "study by accession (findByBusinessKey)",
        samples,
        sample -> {
          Study study = reads.findByBusinessKey(sample.key()).orElseThrow(() -> missing(sample));
          require(study.id().equals(sample.id()), sample, "found " + study.id());
        },
        "");
  }

  /** The first page of studies in {@code status}, {@code times} times. */
  static Timed byStatus(StudyReads reads, EndToEndStatus.Kind status, int times) {
    long[] total = new long[1];
    List<EndToEndStatus.Kind> asked = java.util.Collections.nCopies(times, status);
    Timed timed =
        time(
            "search status=" + status,
            asked,
            kind -> total[0] = search(reads, new StudyQuery(null, null, kind, null, 0, PAGE)),
            "");
    return new Timed(timed.what(), timed.sortedNanos(), "(" + total[0] + " studies match)");
  }

  /** The first page of each sampled study's patient's studies. */
  static Timed byPatient(StudyReads reads, List<Sample> samples) {
    long[] matched = new long[1];
    Timed timed =
        time(
            "search patient=…",
            samples,
            sample -> {
              long total =
                  search(reads, new StudyQuery(null, sample.patient(), null, null, 0, PAGE));
              require(total >= 1, sample, "its patient has no study");
              matched[0] += total;
            },
            "");
    return new Timed(
        timed.what(),
        timed.sortedNanos(),
        String.format(
            Locale.ROOT, "(%.1f studies per patient)", matched[0] / (double) samples.size()));
  }

  private static long search(StudyReads reads, StudyQuery query) {
    Page<Study> page = reads.search(query);
    if (page.total() > 0 && page.items().isEmpty()) {
      throw new IllegalStateException("search " + query + " counted studies but listed none");
    }
    return page.total();
  }

  private static <T> Timed time(String what, List<T> inputs, Consumer<T> read, String note) {
    long[] nanos = new long[inputs.size()];
    for (int i = 0; i < nanos.length; i++) {
      long t0 = System.nanoTime();
      read.accept(inputs.get(i));
      nanos[i] = System.nanoTime() - t0;
    }
    Arrays.sort(nanos);
    return new Timed(what, nanos, note);
  }

  private static void require(boolean holds, Sample sample, String problem) {
    if (!holds) {
      throw new IllegalStateException(
          "study " + sample.key() + " (" + sample.id() + "): " + problem);
    }
  }

  private static IllegalStateException missing(Sample sample) {
    return new IllegalStateException("study " + sample.key() + " (" + sample.id() + ") not found");
  }
}
