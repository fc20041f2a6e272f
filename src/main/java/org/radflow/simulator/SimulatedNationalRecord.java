package org.radflow.simulator;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.radflow.national.DocumentPackage;
import org.radflow.national.RemovalReason;
import org.radflow.workflow.Service;

/**
 * My Health Record, the national record. Its clients name their documents, so a document is kept
 * under the {@code documentId} of its package, and a replacement is a new upload naming its parent.
 *
 * <ul>
 *   <li>{@code POST /documents} with a {@link DocumentPackage}: the document, {@code CURRENT}. It
 *       is refused 400 {@code INVALID_PACKAGE} when malformed; 409 {@code DUPLICATE_DOCUMENT} when
 *       the id is held with the same bytes, {@code DOCUMENT_ID_CONFLICT} when with other bytes; 422
 *       {@code IHI_NOT_VERIFIED} without an IHI the HI Service vouches for. A package that {@code
 *       supersedes} a parent needs the parent to exist (422 {@code PARENT_NOT_FOUND}), to be of the
 *       same set (422 {@code SET_MISMATCH}) and {@code CURRENT} (409 {@code DOCUMENT_NOT_CURRENT});
 *       the parent then becomes {@code SUPERSEDED} in the same step.
 *   <li>{@code POST /documents/{id}/remove {"reason": "WITHDRAWN" | "INCORRECT_IDENTITY"}}: {@code
 *       REMOVED}, keeping the reason; removing again answers the same (400 {@code INVALID_REASON}
 *       without a known reason).
 * </ul>
 *
 * <p>The duplicate check comes before the identity check: a repeat of an accepted upload is a
 * duplicate even if the IHI would be refused today, so the uploader learns the document is there.
 * Every document carries {@code acceptedOrder}, 1, 2, 3 … in the order uploads were accepted, so a
 * test can see an amendment arrived after its original.
 */
final class SimulatedNationalRecord extends SimulatedSystem {

  static final String DOCUMENT = "document";
  static final String CURRENT = "CURRENT";
  static final String SUPERSEDED = "SUPERSEDED";
  static final String REMOVED = "REMOVED";

  /** Whether the HI Service would let a document be filed against an IHI. */
  @FunctionalInterface
  interface IdentityCheck {

    /** Why a document may not be filed against {@code ihi}, or empty if it may. */
    Optional<String> refusal(String ihi);

    /** Any IHI of the right shape: 16 digits beginning 800360. */
    static IdentityCheck wellFormed() {
      Pattern ihiShape = Pattern.compile("800360[0-9]{10}");
      return ihi ->
          ihiShape.matcher(ihi).matches()
              ? Optional.empty()
              : Optional.of("IHI " + ihi + " is not 16 digits beginning 800360");
    }
  }

  private final IdentityCheck identity;

  SimulatedNationalRecord() {
    this(IdentityCheck.wellFormed());
  }

  SimulatedNationalRecord(IdentityCheck identity) {
    this.identity = identity;
  }

  @Override
  Service service() {
    return Service.NATIONAL_RECORD;
  }

  @Override
  List<Route> routes() {
    return List.of(
        Route.command("POST", "/documents", this::upload),
        Route.command("POST", "/documents/{id}/remove", this::remove));
  }

  private Answer upload(Call call) {
    DocumentPackage upload;
    try {
      upload = DocumentPackage.fromJson(call.bytes());
    } catch (IllegalArgumentException e) {
      return Answer.refused(400, "INVALID_PACKAGE", e.getMessage());
    }
    String id = upload.documentId();
    String sha256 = sha256(call.bytes());
    Optional<Resource> held = ledger.find(DOCUMENT, id);
    if (held.isPresent()) {
      return sha256.equals(held.get().attribute("packageSha256"))
          ? Answer.refused(
              409,
              "DUPLICATE_DOCUMENT",
              "document " + id + " was already uploaded with this content")
          : Answer.refused(
              409,
              "DOCUMENT_ID_CONFLICT",
              "document " + id + " was already uploaded with other content");
    }
    if (upload.ihi() == null) {
      return Answer.refused(422, "IHI_NOT_VERIFIED", "the package names no patient IHI");
    }
    Optional<String> refusal = identity.refusal(upload.ihi());
    if (refusal.isPresent()) {
      return Answer.refused(422, "IHI_NOT_VERIFIED", refusal.get());
    }
    if (upload.supersedes() != null) {
      Optional<Resource> parent = ledger.find(DOCUMENT, upload.supersedes());
      Optional<Answer> refused = refusalOfParent(upload, parent);
      if (refused.isPresent()) {
        return refused.get();
      }
      ledger.setStatus(parent.orElseThrow(), SUPERSEDED);
    }
    ledger.create(DOCUMENT, id, CURRENT, call.idempotencyKey(), attributes(upload, sha256));
    return Answer.done(id, Map.of("status", CURRENT));
  }

  private static Optional<Answer> refusalOfParent(
      DocumentPackage upload, Optional<Resource> found) {
    String parentId = upload.supersedes();
    if (found.isEmpty()) {
      return Optional.of(
          Answer.refused(
              422, "PARENT_NOT_FOUND", "document " + parentId + " to supersede does not exist"));
    }
    Resource parent = found.get();
    if (!upload.setId().equals(parent.attribute("setId"))) {
      return Optional.of(
          Answer.refused(
              422,
              "SET_MISMATCH",
              "document "
                  + parentId
                  + " is of set "
                  + parent.attribute("setId")
                  + ", not "
                  + upload.setId()));
    }
    if (!parent.status().equals(CURRENT)) {
      return Optional.of(
          Answer.refused(
              409, "DOCUMENT_NOT_CURRENT", "document " + parentId + " is " + parent.status()));
    }
    return Optional.empty();
  }

  private Map<String, String> attributes(DocumentPackage upload, String sha256) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("setId", upload.setId());
    attributes.put("version", String.valueOf(upload.version()));
    if (upload.supersedes() != null) {
      attributes.put("supersedes", upload.supersedes());
    }
    attributes.put("ihi", upload.ihi());
    attributes.put("accession", upload.accession());
    attributes.put("reportRef", upload.report().ref());
    attributes.put("author", upload.author().id());
    attributes.put("organisation", upload.organisation().id());
    attributes.put("packageSha256", sha256);
    attributes.put("acceptedOrder", String.valueOf(ledger.next("acceptedOrder")));
    return attributes;
  }

  /** The first removal's reason stands: removing again, for any reason, answers the same. */
  private Answer remove(Call call) {
    String id = call.param("id");
    Optional<RemovalReason> reason = reason(call);
    if (reason.isEmpty()) {
      return Answer.refused(
          400,
          "INVALID_REASON",
          "a removal needs a reason, one of " + List.of(RemovalReason.values()));
    }
    return ledger
        .find(DOCUMENT, id)
        .map(
            found ->
                found.status().equals(REMOVED)
                    ? found
                    : ledger.setStatus(
                        found, REMOVED, Map.of("removalReason", reason.get().name())))
        .map(
            removed ->
                Answer.done(
                    removed.id(),
                    Map.of(
                        "status", removed.status(),
                        "removalReason", removed.attribute("removalReason"))))
        .orElseGet(() -> Answer.notFound("document " + id));
  }

  private static Optional<RemovalReason> reason(Call call) {
    String text = call.json() == null ? "" : call.json().path("reason").asString("");
    for (RemovalReason reason : RemovalReason.values()) {
      if (reason.name().equals(text)) {
        return Optional.of(reason);
      }
    }
    return Optional.empty();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
