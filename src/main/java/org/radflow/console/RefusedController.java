package org.radflow.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.radflow.api.Allowed;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The page a browser is forwarded to when the filter chain refuses a signed-in person: most often a
 * form whose CSRF token is missing or stale. A forward keeps the request's method, so every method
 * lands here; it answers 403 only for a refusal, not to a person who opens it by hand.
 */
@Controller
class RefusedController {

  @Allowed.SignedIn
  @RequestMapping("/console/refused")
  String refused(HttpServletRequest request, HttpServletResponse response) {
    if (request.getAttribute(WebAttributes.ACCESS_DENIED_403) != null) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    }
    return "console/refused";
  }
}
