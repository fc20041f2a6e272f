package org.radflow.console;

import java.util.function.Supplier;
import org.radflow.db.StoreException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * How every console action ends: back to the page it was sent from (post, redirect, get), with what
 * happened in words, a success or the refusal's own detail. Only console paths are returned to, so
 * a crafted form cannot send an operator elsewhere.
 */
final class ConsoleActions {

  private ConsoleActions() {}

  static String perform(RedirectAttributes flash, String back, Supplier<String> action) {
    try {
      flash.addFlashAttribute("flashOk", action.get());
    } catch (ErrorResponseException e) {
      flash.addFlashAttribute("flashError", e.getBody().getDetail());
    } catch (StoreException e) {
      flash.addFlashAttribute(
          "flashError",
          "the database was unavailable or busy; the action may not have been committed: read"
              + " the page again before retrying");
    }
    return "redirect:" + local(back);
  }

  static String local(String back) {
    boolean console =
        back != null
            && back.startsWith("/console")
            && !back.startsWith("//")
            && !back.contains("\\")
            && back.chars().noneMatch(Character::isISOControl);
    return console ? back : "/console";
  }
}
