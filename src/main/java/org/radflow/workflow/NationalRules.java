package org.radflow.workflow;

import static org.radflow.study.TransitionType.IDENTITY_REVALIDATION_REQUESTED;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.radflow.study.NationalIdentity;
import org.radflow.study.Study;

/**
 * What must hold before a document goes to the national record: the report is not withheld, and the
 * study's IHI is verified, active or deceased, and validated recently enough. A stale or unverified
 * IHI is looked up again first; the upload waits, spending no attempt, until it is.
 */
final class NationalRules {

  private NationalRules() {}

  /** Why {@code kind} may not upload now, or {@code null} when it may. */
  static Verdict beforeUpload(StepKind kind, Study study, Instant now, Duration ihiMaxAge) {
    Optional<String> withheld = study.publicationWithheld();
    if (withheld.isPresent()) {
      return new Verdict.Moot("the report is not sent to the national record: " + withheld.get());
    }
    Optional<NationalIdentity> identity = study.nationalIdentity();
    if (identity.isPresent() && identity.get().revalidating()) {
      return new Verdict.Wait(
          "the IHI is being looked up again before " + kind + ": " + identity.get().revalidation());
    }
    if (identity.isPresent() && identity.get().unusable() != null) {
      return new Verdict.Wait(
          kind + " waits until the study has a usable IHI: " + identity.get().unusable());
    }
    String stale =
        study
            .statedIhi()
            .map(
                stated ->
                    "a message named IHI "
                        + stated
                        + ", not the IHI "
                        + identity.map(NationalIdentity::ihi).orElse("radflow validated"))
            .orElse(staleness(identity, now, ihiMaxAge));
    if (stale == null) {
      return null;
    }
    return new Verdict.Wait(
        "the IHI is looked up again before " + kind + ": " + stale,
        List.of(Effect.of(IDENTITY_REVALIDATION_REQUESTED, "reason", stale)));
  }

  private static String staleness(
      Optional<NationalIdentity> identity, Instant now, Duration ihiMaxAge) {
    if (identity.isEmpty() || !identity.get().usable()) {
      return "radflow holds no verified, active IHI for the study";
    }
    Instant validatedAt = identity.get().validatedAt();
    if (validatedAt == null || validatedAt.plus(ihiMaxAge).isBefore(now)) {
      return "IHI "
          + identity.get().ihi()
          + " was validated at "
          + validatedAt
          + ", longer ago than the "
          + ihiMaxAge
          + " a publication allows";
    }
    return null;
  }
}
