package org.radflow.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.radflow.logging.LogFields;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request about one study ({@code /api/v1/studies/{id}/…}, or the console's page of it) logs with
 * that study's id in the MDC, whatever handler, exception handler or store logs on its behalf. The
 * id is taken from the path as sent: a value that is not a UUID is not a study and is left out, so
 * nothing a caller types reaches the log this way.
 */
@Component
class StudyLogContext extends OncePerRequestFilter {

  private static final Pattern STUDY_PATH =
      Pattern.compile(
          "^/(?:api/v1|console)/studies/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
              + "-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?:/.*)?$");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try (LogFields.Scope fields = LogFields.open().study(studyId(request.getRequestURI()))) {
      chain.doFilter(request, response);
    }
  }

  /** The study id in {@code path}, or null when the path is not about one study. */
  static String studyId(String path) {
    Matcher matcher = STUDY_PATH.matcher(path == null ? "" : path);
    return matcher.matches() ? matcher.group(1).toLowerCase(java.util.Locale.ROOT) : null;
  }
}
