package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code RADFLOW_OIDC_AUDIENCE} set, a token the issuer signed for another application is
 * refused: the real issuer of {@link TestIssuer} signs client tokens with the client as audience.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "radflow.orchestration.enabled=false",
      "radflow.mllp.port=0",
      "radflow.access.oidc.audience=" + TestIssuer.API_CLIENT
    })
class OidcAudienceTest {

  @TempDir static Path home;
  static TestIssuer issuer;

  @DynamicPropertySource
  static void radflow(DynamicPropertyRegistry registry) {
    issuer = TestIssuer.start();
    registry.add("radflow.home", () -> home.toString());
    registry.add("radflow.access.oidc.issuer", issuer::url);
  }

  @AfterAll
  static void stopIssuer() {
    issuer.close();
  }

  @LocalServerPort int port;

  @Test
  void aTokenForRadflowIsAcceptedAndOneForAnotherApplicationIsNot() {
    Api.Response ours =
        new Api(port, issuer.clientToken(TestIssuer.API_CLIENT)).get("/api/v1/studies");
    assertThat(ours.status()).as(ours.text()).isEqualTo(200);
    new Api(port, issuer.clientToken(TestIssuer.STRANGER_CLIENT))
        .get("/api/v1/studies")
        .problem(401, "unauthenticated");
  }
}
