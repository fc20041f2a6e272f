package org.radflow.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** Idempotency keys reused with different content on one study, oldest first. */
@Schema(name = "Conflicts")
public record ConflictsView(String studyId, List<Conflict> conflicts) {

  public record Conflict(
      @Schema(description = "the reused key; create:<authority>/<accession> for a re-opened study")
          String idempotencyKey,
      String originalFingerprint,
      String conflictingFingerprint,
      @Schema(description = "the refused command as it was received", type = "object")
          Object conflictingCommand,
      Instant recordedAt) {}
}
