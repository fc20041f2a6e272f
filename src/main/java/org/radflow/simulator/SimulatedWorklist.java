package org.radflow.simulator;

import java.util.List;
import org.radflow.workflow.Service;

/**
 * The modality worklist. {@code POST /entries {"accession", "patientId", "procedure"}} creates an
 * entry ({@code SCHEDULED}); {@code POST /entries/{id}/remove} removes it ({@code REMOVED}).
 */
final class SimulatedWorklist extends SimulatedSystem {

  static final String ENTRY = "entry";

  @Override
  Service service() {
    return Service.WORKLIST;
  }

  @Override
  List<Route> routes() {
    return List.of(
        Route.command(
            "POST",
            "/entries",
            call -> create(call, ENTRY, "SCHEDULED", "accession", "patientId", "procedure")),
        Route.command("POST", "/entries/{id}/remove", call -> undo(call, ENTRY, "REMOVED")));
  }
}
