package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.radflow.access.IssuedToken;
import org.radflow.access.Tokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A radflow server on a random port, talked to over real HTTP. Each test gets a client and an
 * assigning authority of its own, so searches see only its studies. A subclass chooses the database
 * with a {@code @DynamicPropertySource} of its own, which also gives it a Spring context of its
 * own.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    // the lifecycle API on its own: no steps move studies behind the tests' backs
    properties = {"radflow.orchestration.enabled=false", "radflow.mllp.port=0"})
abstract class AbstractApiTest {

  @LocalServerPort int port;
  @Autowired Tokens tokens;
  Api api;

  /** Who the audit and the history name for this test's requests. */
  String caller;

  /** This test's token, for requests built without {@link #api}. */
  String secret;

  String authority;

  @BeforeEach
  void connect() {
    IssuedToken issued = TestTokens.allRoles(tokens);
    secret = issued.secret();
    api = new Api(port, secret);
    caller = issued.token().principal();
    authority = Bodies.uniqueAuthority();
  }

  /** Opens a study under this test's authority and returns its id; anything but 201 fails. */
  String open(String accession, String patientId) {
    Api.Response created =
        api.post("/api/v1/studies", Bodies.openStudy(authority, accession, patientId));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().path("id").asString();
  }

  String open(String accession) {
    return open(accession, "P");
  }

  Api.Response transition(String id, String body, String... headers) {
    return api.post("/api/v1/studies/" + id + "/transitions", body, headers);
  }
}
