package org.radflow.api;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * How the console's chain answers a refusal: someone signed in gets the refusal page (a browser) or
 * the problem document (a program), 403. Someone not signed in is asked to sign in first (401 for a
 * program, the sign-in page for a browser): only the CSRF check, which runs before the request is
 * authorised, refuses them here, and the missing token is not what stops them.
 */
final class BrowserRefusal implements AccessDeniedHandler {

  private final SecurityProblems problems;
  private final AccessDeniedHandler refusedPage;

  BrowserRefusal(SecurityProblems problems, AccessDeniedHandler refusedPage) {
    this.problems = problems;
    this.refusedPage = refusedPage;
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException refused)
      throws IOException, ServletException {
    Authentication who = SecurityContextHolder.getContext().getAuthentication();
    boolean page = SecurityConfiguration.wantsPage(request);
    if (who == null || who instanceof AnonymousAuthenticationToken || !who.isAuthenticated()) {
      if (page) {
        response.sendRedirect(request.getContextPath() + "/login");
      } else {
        problems.commence(
            request, response, new InsufficientAuthenticationException("not signed in"));
      }
    } else if (page) {
      refusedPage.handle(request, response, refused);
    } else {
      problems.handle(request, response, refused);
    }
  }
}
