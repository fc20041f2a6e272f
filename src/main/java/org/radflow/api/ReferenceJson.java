package org.radflow.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.radflow.study.Reference;

/** A pointer to content that lives elsewhere: commands carry references, never binaries. */
@Schema(name = "Reference")
public record ReferenceJson(
    @Schema(example = "report-document") String kind,
    @Schema(example = "s3://radflow-blobs/reports/ACC-123/final.pdf") String uri,
    @Schema(example = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
        String contentHash) {

  static ReferenceJson of(Reference reference) {
    return new ReferenceJson(reference.kind(), reference.uri(), reference.contentHash());
  }

  static List<ReferenceJson> of(List<Reference> references) {
    return references.stream().map(ReferenceJson::of).toList();
  }

  /** Applies {@link Fields} to the references in a request; {@code null} entries pass. */
  static void check(List<ReferenceJson> json) {
    if (json == null) {
      return;
    }
    for (int i = 0; i < json.size(); i++) {
      ReferenceJson r = json.get(i);
      if (r != null) {
        String at = "references[" + i + "]";
        Fields.name(r.kind, at + ".kind", Fields.IDENTIFIER);
        Fields.uri(r.uri, at + ".uri");
        Fields.name(r.contentHash, at + ".contentHash", Fields.MESSAGE_REF);
      }
    }
  }

  static List<Reference> toModel(List<ReferenceJson> json) {
    return Checked.list(json, "references").stream()
        .map(r -> Checked.valid(() -> new Reference(r.kind, r.uri, r.contentHash)))
        .toList();
  }
}
