package org.radflow.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.radflow.api.Forbidden;
import org.radflow.db.StoreException;
import org.radflow.logging.LoggedFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * What a console page answers when it cannot show what was asked: a page in the console's own frame
 * for a person, the API's problem document for a program (a bearer token calling a console URL).
 * Actions do not come here: they report their refusals on the page they return to.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

  private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

  @ExceptionHandler(AccessDeniedException.class)
  Object refused(HttpServletRequest request, HttpServletResponse response) {
    if (!wantsPage(request)) {
      ErrorResponseException problem = Forbidden.problem();
      return ResponseEntity.status(problem.getStatusCode())
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(problem.getBody());
    }
    response.setStatus(403);
    return new ModelAndView("console/refused");
  }

  @ExceptionHandler(ErrorResponseException.class)
  ModelAndView problem(ErrorResponseException e, HttpServletResponse response) {
    response.setStatus(e.getStatusCode().value());
    return page(e.getBody().getTitle(), e.getBody().getDetail());
  }

  @ExceptionHandler(StoreException.class)
  ModelAndView store(StoreException e, HttpServletResponse response) {
    log.warn("console page: database {}: {}", e.kind(), e.getMessage());
    response.setStatus(503);
    return page(
        "The database is busy or unavailable",
        "radflow could not read this page from its database just now; reload in a few seconds.");
  }

  @ExceptionHandler(Exception.class)
  ModelAndView unexpected(Exception e, HttpServletResponse response) {
    String incident = UUID.randomUUID().toString();
    // the message may quote what the page was about; the stack says where to look
    log.error(
        "console page failed, incident {}: {}",
        incident,
        LoggedFault.describe(e),
        LoggedFault.of(e));
    response.setStatus(500);
    return page(
        "Something went wrong",
        "radflow could not show this page because of an internal error. Quote incident "
            + incident
            + " to find it in the log.");
  }

  private static ModelAndView page(String heading, String detail) {
    ModelAndView page = new ModelAndView("console/error");
    page.addObject("heading", heading);
    page.addObject("detail", detail);
    return page;
  }

  static boolean wantsPage(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    return accept != null && accept.contains("text/html");
  }
}
