package org.radflow.simulator;

import java.util.List;
import org.radflow.workflow.Service;

/**
 * The scheduling system. {@code POST /slots {"accession", "patientId", "procedure"}} reserves a
 * slot ({@code RESERVED}); {@code POST /slots/{id}/release} releases it ({@code RELEASED}).
 */
final class SimulatedScheduling extends SimulatedSystem {

  static final String SLOT = "slot";

  @Override
  Service service() {
    return Service.SCHEDULING;
  }

  @Override
  List<Route> routes() {
    return List.of(
        Route.command(
            "POST",
            "/slots",
            call -> create(call, SLOT, "RESERVED", "accession", "patientId", "procedure")),
        Route.command("POST", "/slots/{id}/release", call -> undo(call, SLOT, "RELEASED")));
  }
}
