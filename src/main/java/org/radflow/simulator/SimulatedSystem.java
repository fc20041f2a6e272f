package org.radflow.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.radflow.workflow.Service;

/**
 * The business side of one simulator: its routes and its state. What they share is here: making a
 * resource from a request's fields, and undoing one by moving it to a final status.
 */
abstract class SimulatedSystem {

  final Ledger ledger = new Ledger();

  abstract Service service();

  abstract List<Route> routes();

  /** Creates a {@code kind} in {@code status} from the body's text {@code fields}. */
  Answer create(Call call, String kind, String status, String... fields) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (String field : fields) {
      attributes.put(field, call.text(field));
    }
    Resource made = ledger.create(kind, status, call.idempotencyKey(), attributes);
    return Answer.done(made.id(), Map.of("status", made.status()));
  }

  /**
   * Moves the resource named by the {@code id} path parameter to {@code undone}; undoing it again
   * changes nothing and answers the same, so an undo is safe to repeat under any key.
   */
  Answer undo(Call call, String kind, String undone) {
    String id = call.param("id");
    return ledger
        .find(kind, id)
        .map(
            found -> {
              Resource after =
                  found.status().equals(undone) ? found : ledger.setStatus(found, undone);
              return Answer.done(after.id(), Map.of("status", after.status()));
            })
        .orElseGet(() -> Answer.notFound(kind + " " + id));
  }
}
