package org.radflow.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radflow.Loopback;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole log of a server process, after a run that handles every kind of secret and patient data
 * radflow sees, holds none of them: not the admin token or password, not a token or password
 * created through the API, not a wrong password tried, not a patient's name or date of birth from
 * HL7 (accepted or refused).
 */
class SecretsNotLoggedTest {

  static final String FAMILY = "ZEBEDEE";
  static final String GIVEN = "QUINTILIAN";
  static final String BIRTH = "19471103";

  @TempDir Path home;

  final HttpClient http = HttpClient.newHttpClient();
  final JsonMapper json = JsonMapper.builder().build();

  @Test
  void aFullRunLogsNoSecretAndNoDemographic() throws Exception {
    Path log = home.resolve("server.log");
    int mllp = Loopback.freePort();
    ServerProcess server =
        ServerProcess.start(
            Map.of("RADFLOW_HOME", home.toString(), "RADFLOW_MLLP_PORT", Integer.toString(mllp)),
            log);
    List<String> secrets = new ArrayList<>();
    try {
      String admin = server.authorization();
      secrets.add(admin.substring("Bearer ".length()));
      secrets.add(Files.readString(home.resolve("admin-password")).strip());

      String issued =
          post(server, admin, "/api/v1/tokens", "{\"name\": \"scan\", \"roles\": [\"viewer\"]}");
      secrets.add(json.readTree(issued).path("secret").asString());
      String userPassword = "a-long-passphrase-for-the-scan";
      post(
          server,
          admin,
          "/api/v1/users",
          "{\"username\": \"scan.user\", \"roles\": [\"viewer\"], \"password\": \""
              + userPassword
              + "\"}");
      secrets.add(userPassword);
      String wrongPassword = "guessed-wrong-password-123";
      get(server, basic("scan.user", wrongPassword), "/api/v1/studies");
      secrets.add(wrongPassword);
      get(server, "Bearer rfk_made-up-token-for-the-scan", "/api/v1/studies");
      secrets.add("rfk_made-up-token-for-the-scan");

      String pid = "PID|1||MRN-SCAN^^^HOSP^MR||" + FAMILY + "^" + GIVEN + "||" + BIRTH + "|F";
      send(
          mllp,
          "MSH|^~\\&|RIS|HOSP|RADFLOW|HOSP|20261204100000||ORM^O01|S1|P|2.5.1\r"
              + pid
              + "\rORC|NW|PL-S1^RIS|FL-S1^RIS||SC||||20261204095500\r"
              + "OBR|1|PL-S1^RIS|FL-S1^RIS|CTHEAD^CT Head|||20261204095500||||||||||||SCAN-ACC-1\r");
      send(
          mllp,
          "MSH|^~\\&|PAS|HOSP|RADFLOW|HOSP|20261204100100||ADT^A08|S2|P|2.5.1\r"
              + "EVN|A08|20261204100100\r"
              + pid
              + "\rPV1|1|O\r");
      // refused: no accession anywhere, so it is dead-lettered with the reason logged
      send(
          mllp,
          "MSH|^~\\&|RIS|HOSP|RADFLOW|HOSP|20261204100200||ORM^O01|S3|P|2.5.1\r"
              + pid
              + "\rORC|NW\rOBR|1\r");
      send(
          mllp,
          "MSH|^~\\&|RIS|HOSP|RADFLOW|HOSP|20261204100300||ORU^R01|S4|P|2.5.1\r"
              + pid
              + "\rOBR|1|PL-S1^RIS|FL-S1^RIS|CTHEAD^CT Head|||20261204095500||||||||||||SCAN-ACC-1"
              + "||||||||F\rOBX|1|TX|REPORT||Patient "
              + FAMILY
              + " born "
              + BIRTH
              + ": normal||||||F\r");
    } finally {
      server.kill();
    }

    String logged = Files.readString(log);
    assertThat(logged).as("the server log").contains("radflow ready");
    for (String secret : secrets) {
      assertThat(logged).as("the server log").doesNotContain(secret);
    }
    assertThat(logged).doesNotContain(FAMILY).doesNotContain(GIVEN).doesNotContain(BIRTH);
    assertThat(logged).contains(home.resolve("admin-token").toString());
  }

  private String post(ServerProcess server, String authorization, String path, String body)
      throws Exception {
    HttpResponse<String> response = StudyTraffic.post(server.uri(path), authorization, body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return response.body();
  }

  private void get(ServerProcess server, String authorization, String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.uri(path)).header("Authorization", authorization).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** One MLLP frame out, its ACK back. */
  private static String send(int port, String message) throws Exception {
    String ack = StudyTraffic.sendOne(port, message);
    assertThat(ack).contains("MSA|");
    return ack;
  }
}
