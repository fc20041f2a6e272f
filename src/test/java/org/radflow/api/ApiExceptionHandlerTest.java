package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.radflow.store.StoreException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * The store faults no test database can be made to raise on demand: contention outlasting the
 * store's retries, and a plain failure. ({@code PostgresApiTest} drives UNAVAILABLE over HTTP.)
 */
class ApiExceptionHandlerTest {

  private final ApiExceptionHandler handler = new ApiExceptionHandler();
  private final ServletWebRequest request =
      new ServletWebRequest(new MockHttpServletRequest("POST", "/api/v1/studies"));

  @Test
  void contentionIsA503WithAShortRetryAfter() {
    ResponseEntity<Object> response =
        handler.store(
            new StoreException(
                StoreException.Kind.CONTENDED, "apply X to study Y failed (SQLSTATE 40001)", null),
            request);

    assertThat(response.getStatusCode().value()).isEqualTo(503);
    assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("1");
    ProblemDetail problem = (ProblemDetail) response.getBody();
    assertThat(problem.getType()).hasToString("https://radflow.org/problems/store-busy");
    assertThat(problem.getDetail()).contains("retry").doesNotContain("SQLSTATE");
  }

  @Test
  void aStoreFailureIsA500ThatKeepsItsMessageInTheLog() {
    ResponseEntity<Object> response =
        handler.store(
            new StoreException(
                StoreException.Kind.FAILED, "relation \"study\" does not exist", null),
            request);

    assertThat(response.getStatusCode().value()).isEqualTo(500);
    ProblemDetail problem = (ProblemDetail) response.getBody();
    assertThat(problem.getType()).hasToString("https://radflow.org/problems/internal-error");
    assertThat(problem.getDetail()).doesNotContain("relation").contains("incident");
    assertThat(problem.getProperties()).containsKey("incident");
  }
}
