package org.radflow.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.radflow.lifecycle.TransitionDraft;
import org.radflow.study.Reference;
import org.radflow.study.Source;
import org.radflow.study.TransitionType;

/** Body of {@code POST /api/v1/studies/{id}/transitions}. */
public record TransitionRequest(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) TransitionType type,
    @Schema(
            example = "ris:ACC-123:report-final",
            description = "names the business transition, not the transport attempt",
            requiredMode = Schema.RequiredMode.REQUIRED)
        String idempotencyKey,
    @Schema(
            description =
                "when it happened (ISO-8601); now when absent. Send it: it is part of the"
                    + " content compared for the idempotency key, so a re-send without it is a"
                    + " conflict")
        Instant businessTime,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) SourceJson source,
    @Schema(description = "small string data; counted against the inline limit")
        Map<String, String> data,
    List<ReferenceJson> references,
    @Schema(
            description =
                "the version last read; the transition is refused with 412 if the study moved"
                    + " on. The If-Match header does the same")
        Long expectedVersion) {

  public TransitionRequest {
    Fields.name(idempotencyKey, "idempotencyKey", Fields.KEY);
    Fields.time(businessTime, "businessTime");
    SourceJson.check(source);
    Fields.map(data, "data");
    ReferenceJson.check(references);
  }

  /** The draft for the lifecycle, checked by building the model's own command from it. */
  TransitionDraft toDraft(Instant now, String actor) {
    Source sourceRef = SourceJson.toModel(source);
    Map<String, String> dataMap = Checked.stringMap(data, "data");
    List<Reference> refs = ReferenceJson.toModel(references);
    TransitionDraft draft =
        new TransitionDraft(type, idempotencyKey, businessTime, sourceRef, actor, dataMap, refs);
    Checked.valid(() -> draft.toCommand(now));
    return draft;
  }
}
