package org.radflow.api;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that never reach a controller (the servlet container refusing a request line, a filter
 * failing) are forwarded to the error path; this answers them with a problem document too, in place
 * of Spring Boot's whitelabel page. It knows only the status, so its detail is generic and nothing
 * of the underlying exception leaks.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

  @RequestMapping("${server.error.path:${error.path:/error}}")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    // Asked for directly, not forwarded with an error: there is nothing at this path.
    int status = code instanceof Integer value && value >= 400 ? value : 404;
    ProblemType type = ProblemType.forStatus(status);
    ProblemDetail problem = ProblemDetail.forStatus(status);
    problem.setDetail(detail(status));
    problem.setType(type.uri());
    problem.setTitle(type.title());
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    if (uri instanceof String path && !path.isBlank()) {
      try {
        problem.setInstance(URI.create(path));
      } catch (IllegalArgumentException ignored) {
        // a request line the container refused may not be a valid URI; leave instance out
      }
    }
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  private static String detail(int status) {
    if (status == 404) {
      return "nothing here; the API lives under /api/v1 and is described at /api/v1/openapi";
    }
    if (status >= 500) {
      return "radflow could not complete the request because of an internal error";
    }
    return "the request could not be processed (HTTP " + status + ")";
  }
}
