package org.radflow.lifecycle;

import java.util.Optional;
import org.radflow.study.Study;
import org.radflow.workflow.StepKind;

/**
 * Retains the exact request a new step will send, when the step is written: the study's store asks,
 * in the transaction that creates the step, and records the answer on the step row. The national
 * services' part provides it (it knows their requests); the store only records what it is told, so
 * this feature does not depend on the one above it.
 */
@FunctionalInterface
public interface StepPayloads {

  /** Retains nothing: every step builds its request when it runs. */
  StepPayloads NONE = (kind, study, target) -> Optional.empty();

  /**
   * The request {@code kind} will send for {@code study} as it is now, retained; empty when the
   * step sends nothing worth retaining.
   *
   * @param target what an undo acts on (the document to remove), or {@code null}
   */
  Optional<Retained> retain(StepKind kind, Study study, String target);

  /**
   * A retained request: the blob that holds it, the key that sealed it, and its size in bytes. The
   * content is never in the database.
   */
  record Retained(String blobRef, String keyId, int size) {}
}
