package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.radflow.db.StoreException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * The store faults no test database can be made to raise on demand: contention outlasting the
 * store's retries, and a plain failure; and the exact wording of the two a client may retry.
 * ({@code PostgresApiTest} drives UNAVAILABLE over HTTP.)
 */
class ApiExceptionHandlerTest {

  private final ApiExceptionHandler handler = new ApiExceptionHandler();
  private final ServletWebRequest request =
      new ServletWebRequest(new MockHttpServletRequest("POST", "/api/v1/studies"));

  @Test
  void contentionIsA503WithAShortRetryAfter() {
    ProblemDetail problem =
        retryLater(
            answer(StoreException.Kind.CONTENDED, "apply X to study Y failed (SQLSTATE 40001)"), 1);

    assertThat(problem.getType()).hasToString("https://radflow.org/problems/store-busy");
    assertThat(problem.getDetail())
        .isEqualTo(
            "the study is busy with other commands and nothing was committed; retry after 1"
                + " second with the same idempotency key (a command that did commit is answered"
                + " as a re-send)");
  }

  @Test
  void anUnavailableDatabaseIsA503WithALongerRetryAfter() {
    ProblemDetail problem =
        retryLater(
            answer(StoreException.Kind.UNAVAILABLE, "connection refused (SQLSTATE 08001)"), 5);

    assertThat(problem.getType()).hasToString("https://radflow.org/problems/store-unavailable");
    assertThat(problem.getDetail())
        .isEqualTo(
            "the database is unavailable and the command may or may not have been committed;"
                + " retry after 5 seconds with the same idempotency key (a command that did commit"
                + " is answered as a re-send)");
  }

  @Test
  void aStoreFailureIsA500ThatKeepsItsMessageInTheLog() {
    ResponseEntity<Object> response =
        answer(StoreException.Kind.FAILED, "relation \"study\" does not exist");

    assertThat(response.getStatusCode().value()).isEqualTo(500);
    ProblemDetail problem = (ProblemDetail) response.getBody();
    assertThat(problem.getType()).hasToString("https://radflow.org/problems/internal-error");
    assertThat(problem.getDetail()).doesNotContain("relation").contains("incident");
    assertThat(problem.getProperties()).containsKey("incident");
  }

  /** Asserts a 503 that says when to retry, in the header and the body, and returns the body. */
  private static ProblemDetail retryLater(ResponseEntity<Object> response, int seconds) {
    assertThat(response.getStatusCode().value()).isEqualTo(503);
    assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo(String.valueOf(seconds));
    ProblemDetail problem = (ProblemDetail) response.getBody();
    assertThat(problem.getProperties()).containsEntry("retryAfterSeconds", seconds);
    return problem;
  }

  private ResponseEntity<Object> answer(StoreException.Kind kind, String message) {
    return handler.store(new StoreException(kind, message, null), request);
  }
}
