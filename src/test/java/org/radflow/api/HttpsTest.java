package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worked example of docs/security.md, as written there: a PKCS#12 key store made by keytool,
 * given to Spring Boot as the SSL bundle {@code web}; radflow then answers HTTPS only, and a client
 * that trusts the certificate reaches the API with the admin token.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "radflow.orchestration.enabled=false",
      "radflow.mllp.port=0",
      "spring.ssl.bundle.jks.web.keystore.type=PKCS12",
      "spring.ssl.bundle.jks.web.keystore.password=changeit",
      "server.ssl.bundle=web"
    })
class HttpsTest {

  @TempDir static Path home;

  @DynamicPropertySource
  static void radflow(DynamicPropertyRegistry registry) throws Exception {
    keytool(
        "-genkeypair",
        "-alias",
        "radflow",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-storetype",
        "PKCS12",
        "-keystore",
        "radflow.p12",
        "-storepass",
        "changeit",
        "-dname",
        "CN=radflow.example",
        "-ext",
        "SAN=ip:127.0.0.1",
        "-validity",
        "2");
    registry.add("radflow.home", () -> home.toString());
    registry.add(
        "spring.ssl.bundle.jks.web.keystore.location", () -> "file:" + home.resolve("radflow.p12"));
  }

  @LocalServerPort int port;

  @Test
  void theApiAnswersOverTlsToAClientThatTrustsItsCertificate() throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(home.resolve("radflow.p12"))) {
      trusted.load(in, "changeit".toCharArray());
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trust.getTrustManagers(), null);
    HttpClient client =
        HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    String token = Files.readString(home.resolve("admin-token")).strip();

    HttpResponse<String> services =
        client.send(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/api/v1/services"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(services.statusCode()).as(services.body()).isEqualTo(200);
    assertThat(services.sslSession()).isPresent();
    HttpClient trustsNothingOfOurs = HttpClient.newHttpClient();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                trustsNothingOfOurs.send(
                    HttpRequest.newBuilder(
                            URI.create("https://127.0.0.1:" + port + "/actuator/health"))
                        .build(),
                    HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(SSLHandshakeException.class);
  }

  static void keytool(String... arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    Process process =
        new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes());
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
      assertThat(process.exitValue()).as(output).isZero();
    } finally {
      process.destroyForcibly();
    }
  }
}
