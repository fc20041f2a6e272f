package org.radflow.console;

import java.util.function.Supplier;
import org.radflow.api.OperatorRequest;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What every operator action's form sends besides its target: why (the audit keeps it), and the
 * console page to return to. Bound from the form's fields.
 */
record ActionForm(String reason, String back) {

  /** The reason as the API's operator request: checked by the same rule, refused the same way. */
  OperatorRequest request() {
    return new OperatorRequest(reason, null);
  }

  /** Runs the action and returns to the page it came from, saying what happened. */
  String perform(RedirectAttributes flash, Supplier<String> action) {
    return ConsoleActions.perform(flash, back, action);
  }
}
