package org.radflow.api;

import io.swagger.v3.oas.annotations.media.Schema;
import org.radflow.study.Source;

/** Where a command came from: the sending system and its message reference. */
@Schema(name = "Source")
public record SourceJson(
    @Schema(example = "ris", description = "the sending system") String system,
    @Schema(
            example = "MSG-000123",
            description = "the transport attempt (HL7 control ID, HTTP request ID); optional")
        String messageRef) {

  static SourceJson of(Source source) {
    return new SourceJson(source.system(), source.messageRef());
  }

  /** Applies {@link Fields} to a source in a request; {@code null} passes. */
  static void check(SourceJson json) {
    if (json != null) {
      Fields.name(json.system, "source.system", Fields.NAME);
      Fields.name(json.messageRef, "source.messageRef", Fields.MESSAGE_REF);
    }
  }

  static Source toModel(SourceJson json) {
    return json == null ? null : Checked.valid(() -> new Source(json.system, json.messageRef));
  }
}
