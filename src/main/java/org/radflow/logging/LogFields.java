package org.radflow.logging;

import java.util.Arrays;
import java.util.Objects;
import org.slf4j.MDC;

/**
 * The MDC fields that tie a log line to a study, under the names the JSON log carries: {@value
 * #STUDY_ID}, {@value #ACCESSION} (the order's identifier, never a demographic), {@value #STEP_ID}
 * and {@value #HL7_CONTROL_ID} (MSH-10). Trace and span ids sit beside them, put there by
 * Micrometer Tracing.
 *
 * <p>An entry point opens a {@link Scope} with what it knows and adds the rest as it learns it; the
 * scope's close puts back what the thread had before, so a pooled thread carries nothing of one
 * study into the next and a nested scope (a step run inside an HTTP request) leaves its caller's
 * fields as they were.
 *
 * <pre>{@code
 * try (LogFields.Scope fields = LogFields.open().study(step.study()).step(step.id())) {
 *   ...                                   // deeper down, once the study is read:
 *   LogFields.addAccession(study.businessKey().accessionNumber());
 * }
 * }</pre>
 */
public final class LogFields {

  public static final String STUDY_ID = "studyId";
  public static final String ACCESSION = "accession";
  public static final String STEP_ID = "stepId";
  public static final String HL7_CONTROL_ID = "hl7ControlId";

  private static final String[] KEYS = {STUDY_ID, ACCESSION, STEP_ID, HL7_CONTROL_ID};

  private LogFields() {}

  /**
   * Adds the accession to the scope this thread has open, for code that learns it below the entry
   * point (the scope's close removes it). Outside a scope it would outlive its work: don't.
   */
  public static void addAccession(String accession) {
    if (accession != null && !accession.isBlank()) {
      MDC.put(ACCESSION, accession);
    }
  }

  /** A scope over this thread's study fields, holding what they were until it is closed. */
  public static Scope open() {
    return new Scope(Arrays.stream(KEYS).map(MDC::get).toArray(String[]::new));
  }

  /**
   * Fields set while a scope is open; {@link #close()} restores the fields as they were when it
   * opened. A null or blank value leaves a field unset.
   */
  public static final class Scope implements AutoCloseable {

    private final String[] before;

    private Scope(String[] before) {
      this.before = before;
    }

    /** The study, by radflow's id (its {@code toString} is the id). */
    public Scope study(Object studyId) {
      return put(STUDY_ID, studyId);
    }

    public Scope accession(String accession) {
      return put(ACCESSION, accession);
    }

    public Scope step(Object stepId) {
      return put(STEP_ID, stepId);
    }

    public Scope hl7ControlId(String controlId) {
      return put(HL7_CONTROL_ID, controlId);
    }

    private Scope put(String key, Object value) {
      String text = value == null ? null : value.toString();
      if (text != null && !text.isBlank()) {
        MDC.put(key, text);
      }
      return this;
    }

    @Override
    public void close() {
      for (int i = 0; i < KEYS.length; i++) {
        if (Objects.isNull(before[i])) {
          MDC.remove(KEYS[i]);
        } else {
          MDC.put(KEYS[i], before[i]);
        }
      }
    }
  }
}
