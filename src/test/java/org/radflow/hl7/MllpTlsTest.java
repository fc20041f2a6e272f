package org.radflow.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.radflow.hl7.Hl7Messages.order;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radflow.blob.FileSystemBlobStore;
import org.radflow.config.StoreSettings;
import org.radflow.config.Stores;
import org.radflow.db.Databases;

/**
 * MLLP over TLS with key stores made by the JDK's keytool for this test: a server key, a client
 * key, and a trust store on each side holding the other's certificate.
 */
class MllpTlsTest {

  static final char[] PASSWORD = "test-only".toCharArray();

  @TempDir static Path keys;
  @TempDir Path home;
  Stores store;
  Hl7Service hl7;
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @BeforeAll
  static void makeKeys() throws Exception {
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=radflow-test-server",
        "-ext",
        "SAN=ip:127.0.0.1",
        "-validity",
        "2",
        "-keystore",
        "server.p12",
        "-storetype",
        "PKCS12");
    keytool(
        "-genkeypair",
        "-alias",
        "client",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=radflow-test-sender",
        "-validity",
        "2",
        "-keystore",
        "client.p12",
        "-storetype",
        "PKCS12");
    keytool("-exportcert", "-alias", "server", "-keystore", "server.p12", "-file", "server.cer");
    keytool("-exportcert", "-alias", "client", "-keystore", "client.p12", "-file", "client.cer");
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "server",
        "-file",
        "server.cer",
        "-keystore",
        "client-trust.p12",
        "-storetype",
        "PKCS12");
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "client",
        "-file",
        "client.cer",
        "-keystore",
        "server-trust.p12",
        "-storetype",
        "PKCS12");
  }

  static void keytool(String... arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    command.addAll(List.of("-storepass", new String(PASSWORD)));
    Process process =
        new ProcessBuilder(command).directory(keys.toFile()).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes());
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
      assertThat(process.exitValue()).as(output).isZero();
    } finally {
      process.destroyForcibly();
    }
  }

  void listen(MllpTransport.ClientAuth clientAuth) throws Exception {
    store = Stores.open(Databases.sqliteUrl(home), null, null, 2, StoreSettings.defaults());
    MllpTransport tls =
        MllpTransport.Tls.load(
            keys.resolve("server.p12"),
            PASSWORD,
            "PKCS12",
            clientAuth,
            keys.resolve("server-trust.p12"),
            PASSWORD,
            "PKCS12");
    hl7 =
        TestHl7Service.start(
            store,
            new FileSystemBlobStore(home.resolve("blobs")),
            TestHl7Service.settings(4, Set.of()).withTransport(tls),
            Clock.systemUTC(),
            meters);
  }

  @AfterEach
  void stop() {
    hl7.close();
    store.close();
  }

  /** A TLS sender trusting the server's certificate, showing its own when {@code withCert}. */
  RawMllp sender(boolean withCert) throws Exception {
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(load("client.p12"), PASSWORD);
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(load("client-trust.p12"));
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(withCert ? keyManagers.getKeyManagers() : null, trust.getTrustManagers(), null);
    return new RawMllp(
        context
            .getSocketFactory()
            .createSocket(InetAddress.getLoopbackAddress(), hl7.listener().port()));
  }

  static KeyStore load(String name) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(keys.resolve(name))) {
      store.load(in, PASSWORD);
    }
    return store;
  }

  @Test
  void aSenderWithATrustedCertificateIsAnsweredOverTls() throws Exception {
    listen(MllpTransport.ClientAuth.NEED);
    try (RawMllp sender = sender(true)) {
      assertThat(RawMllp.code(sender.send(order("NW", "S1", "P1", "TLS1")))).isEqualTo("AA");
      // the connection stays usable across the listener's polls while the sender is quiet
      await().pollDelay(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> true);
      assertThat(RawMllp.code(sender.send(order("NW", "S2", "P1", "TLS2")))).isEqualTo("AA");
    }
  }

  @Test
  void whenACertificateIsNeededASenderWithoutOneIsRefused() throws Exception {
    listen(MllpTransport.ClientAuth.NEED);
    try (RawMllp sender = sender(false)) {
      assertThat(noAck(sender)).isTrue();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> refused("tls_handshake") == 1);
  }

  @Test
  void whenACertificateIsOnlyWantedASenderWithoutOneIsServed() throws Exception {
    listen(MllpTransport.ClientAuth.WANT);
    try (RawMllp sender = sender(false)) {
      assertThat(RawMllp.code(sender.send(order("NW", "S3", "P1", "TLS3")))).isEqualTo("AA");
    }
  }

  @Test
  void aPlainSenderIsRefusedAtTheHandshake() throws Exception {
    listen(MllpTransport.ClientAuth.NONE);
    try (RawMllp plain = new RawMllp(hl7.listener().port())) {
      assertThat(noAck(plain)).isTrue();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> refused("tls_handshake") == 1);
  }

  private double refused(String reason) {
    return meters.counter("radflow.mllp.connections.refused", "reason", reason).count();
  }

  /** Sends a message; true when the connection failed or closed rather than answer it. */
  private static boolean noAck(RawMllp sender) {
    try {
      sender.send(order("NW", "X1", "P1", "X1"));
      return false;
    } catch (IOException refused) {
      return true;
    }
  }
}
