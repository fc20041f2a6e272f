package org.radflow.simulator;

import java.util.List;
import java.util.Map;
import org.radflow.workflow.Service;

/**
 * The national health record. {@code POST /documents {"accession", "patientId", "reportRef"}}
 * publishes a document ({@code CURRENT}); {@code POST /documents/{id}/supersede {"reportRef"}}
 * publishes its replacement and marks the old one {@code SUPERSEDED} (409 {@code
 * DOCUMENT_NOT_CURRENT} if it is not current); {@code POST /documents/{id}/remove} marks it {@code
 * REMOVED}.
 */
final class SimulatedNationalRecord extends SimulatedSystem {

  static final String DOCUMENT = "document";

  @Override
  Service service() {
    return Service.NATIONAL_RECORD;
  }

  @Override
  List<Route> routes() {
    return List.of(
        Route.command(
            "POST",
            "/documents",
            call -> create(call, DOCUMENT, "CURRENT", "accession", "patientId", "reportRef")),
        Route.command("POST", "/documents/{id}/supersede", this::supersede),
        Route.command("POST", "/documents/{id}/remove", call -> undo(call, DOCUMENT, "REMOVED")));
  }

  private Answer supersede(Call call) {
    String id = call.param("id");
    String reportRef = call.text("reportRef");
    return ledger
        .find(DOCUMENT, id)
        .map(
            old -> {
              if (!old.status().equals("CURRENT")) {
                return Answer.refused(
                    409, "DOCUMENT_NOT_CURRENT", "document " + id + " is " + old.status());
              }
              ledger.setStatus(old, "SUPERSEDED");
              Resource replacement =
                  ledger.create(
                      DOCUMENT,
                      "CURRENT",
                      call.idempotencyKey(),
                      Map.of(
                          "accession",
                          old.attribute("accession"),
                          "patientId",
                          old.attribute("patientId"),
                          "reportRef",
                          reportRef,
                          "supersedes",
                          id));
              return Answer.done(replacement.id(), Map.of("status", "CURRENT", "supersedes", id));
            })
        .orElseGet(() -> Answer.notFound("document " + id));
  }
}
