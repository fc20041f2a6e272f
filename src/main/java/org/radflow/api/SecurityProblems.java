package org.radflow.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.radflow.access.SignInThrottle;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Security's refusals as RFC 9457 problem documents, like every other error of the API: 401
 * for no or bad credentials, 403 for a role that may not, 429 for a source that failed too often. A
 * failed authentication (not a missing one) is counted against its source.
 */
public final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

  /** Both schemes the API takes, so a client knows what to send. */
  static final String CHALLENGE = "Bearer realm=\"radflow\", Basic realm=\"radflow\"";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final SignInThrottle throttle;

  public SecurityProblems(SignInThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    boolean presented = !(e instanceof InsufficientAuthenticationException);
    if (presented) {
      countFailure(request);
    }
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
    write(
        response,
        request,
        ProblemType.UNAUTHENTICATED,
        presented
            ? "the credentials sent were not accepted (unknown, expired or revoked token, or a"
                + " wrong or locked sign-in); send a valid token as 'Authorization: Bearer …'"
            : "this endpoint needs authentication; send an API token as 'Authorization: Bearer"
                + " …' (an admin issues them at POST /api/v1/tokens or with ./radflow token"
                + " create), or sign in",
        Map.of());
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    write(
        response,
        request,
        ProblemType.FORBIDDEN,
        "your roles do not allow this; ask an admin for a token or account with the role it"
            + " needs (see docs/security.md for which role does what)",
        Map.of());
  }

  /** Counts a failed authentication against the request's source address. */
  public void countFailure(HttpServletRequest request) {
    throttle.failed(request.getRemoteAddr());
  }

  /** Answers 429 when {@code request}'s source must wait; returns whether it did. */
  public boolean refuseIfThrottled(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    var wait = throttle.wait(request.getRemoteAddr());
    if (wait.isEmpty()) {
      return false;
    }
    long seconds = Math.max(1, (wait.get().plus(Duration.ofMillis(999))).toSeconds());
    response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
    write(
        response,
        request,
        ProblemType.TOO_MANY_FAILURES,
        "too many failed authentications from your address; try again in "
            + seconds
            + " seconds with valid credentials",
        Map.of("retryAfterSeconds", seconds));
    return true;
  }

  private static void write(
      HttpServletResponse response,
      HttpServletRequest request,
      ProblemType type,
      String detail,
      Map<String, Object> extensions)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type.uri().toString());
    body.put("title", type.title());
    body.put("status", type.status().value());
    body.put("detail", detail);
    body.put("instance", request.getRequestURI());
    body.putAll(extensions);
    response.setStatus(type.status().value());
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(JSON.writeValueAsString(body));
  }
}
