package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A source that fails authentication too often is answered 429 with Retry-After, whatever it sends
 * next; a source that sent no credentials at all is not counted.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "radflow.orchestration.enabled=false",
      "radflow.mllp.port=0",
      "radflow.access.throttle-failures=5",
      "radflow.access.throttle-period=10m"
    })
class SignInThrottleTest {

  @TempDir static Path home;

  @DynamicPropertySource
  static void radflow(DynamicPropertyRegistry registry) {
    registry.add("radflow.home", () -> home.toString());
  }

  @LocalServerPort int port;

  @Test
  void failuresFromOneSourceAreAnswered429WithRetryAfter() throws Exception {
    Api anonymous = new Api(port);
    for (int i = 0; i < 20; i++) {
      anonymous.get("/api/v1/studies").problem(401, "unauthenticated"); // not counted
    }
    Api guessing = new Api(port, "rfk_guess");
    for (int i = 0; i < 5; i++) {
      guessing.get("/api/v1/studies").problem(401, "unauthenticated");
    }

    Api.Response throttled = guessing.get("/api/v1/studies");
    throttled.problem(429, "too-many-failures");
    assertThat(Long.parseLong(throttled.header("Retry-After").orElseThrow())).isBetween(1L, 600L);
    Api admin = new Api(port, Files.readString(home.resolve("admin-token")).strip());
    admin.get("/api/v1/studies").problem(429, "too-many-failures");
  }
}
