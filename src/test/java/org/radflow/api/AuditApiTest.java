package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The audit's filters and pages over HTTP, against the embedded SQLite default. */
class AuditApiTest extends AbstractApiTest {

  @TempDir static Path home;

  @DynamicPropertySource
  static void radflowHome(DynamicPropertyRegistry registry) {
    registry.add("radflow.home", () -> home.toString());
  }

  @Test
  void theAuditIsFilteredByActorActionAndTimeAndPagedWithBefore() {
    // each search by patient is an audited read, by this test's own caller
    api.get("/api/v1/studies?patientAuthority=NHS&patientId=P-AUDIT-1");
    api.get("/api/v1/studies?patientAuthority=NHS&patientId=P-AUDIT-2");
    String mine = "/api/v1/audit?actor=" + caller + "&action=search-by-patient";

    JsonNode searches = api.get(mine).json();
    assertThat(targets(searches)).containsExactly("patient NHS/P-AUDIT-2", "patient NHS/P-AUDIT-1");
    assertThat(searches.findValuesAsString("actor")).containsOnly(caller);

    JsonNode first = api.get(mine + "&limit=1").json();
    long firstId = first.get(0).path("id").asLong();
    JsonNode second = api.get(mine + "&limit=1&before=" + firstId).json();
    assertThat(targets(first)).containsExactly("patient NHS/P-AUDIT-2");
    assertThat(targets(second)).containsExactly("patient NHS/P-AUDIT-1");

    String newerAt = first.get(0).path("at").asString();
    assertThat(targets(api.get(mine + "&from=" + newerAt).json()))
        .containsExactly("patient NHS/P-AUDIT-2");
    assertThat(targets(api.get(mine + "&to=" + newerAt).json()))
        .containsExactly("patient NHS/P-AUDIT-1");
    assertThat(api.get("/api/v1/audit?actor=" + caller + "&action=no-such-action").json())
        .isEmpty();
    assertThat(api.get("/api/v1/audit?actor=someone-else&action=search-by-patient").json())
        .isEmpty();

    assertThat(
            api.get("/api/v1/audit?from=yesterday")
                .problem(400, "invalid-parameter")
                .path("parameter")
                .asString())
        .isEqualTo("from");
    api.get("/api/v1/audit?from=" + newerAt + "&to=" + newerAt).problem(400, "invalid-parameter");
  }

  private static List<String> targets(JsonNode actions) {
    List<String> targets = new ArrayList<>();
    actions.forEach(a -> targets.add(a.path("target").asString()));
    return targets;
  }
}
