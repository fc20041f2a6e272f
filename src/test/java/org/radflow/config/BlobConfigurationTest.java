package org.radflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radflow.blob.BlobRef;
import org.radflow.blob.BlobStore;
import org.radflow.blob.S3TestServer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The blob store bean as each setting chooses it, given as operators give them: in the environment.
 */
class BlobConfigurationTest {

  private static final byte[] MESSAGE =
      "MSH|^~\\&|RIS|RAD|RADFLOW|RAD|20260301085500||ORM^O01|MSG-1|P|2.5\r"
          .getBytes(StandardCharsets.UTF_8);

  @TempDir Path home;

  private ApplicationContextRunner radflow(Map<String, Object> environment) {
    return new ApplicationContextRunner()
        .withUserConfiguration(BlobConfiguration.class, BlobHealthIndicator.class)
        .withInitializer(
            context ->
                context
                    .getEnvironment()
                    .getPropertySources()
                    .addFirst(
                        new SystemEnvironmentPropertySource(
                            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            environment)))
        .withPropertyValues("radflow.home=" + home);
  }

  @Test
  void byDefaultBlobsAreEncryptedFilesUnderHomeWithAKeyGeneratedThere() {
    radflow(Map.of())
        .run(
            context -> {
              BlobStore blobs = context.getBean(BlobStore.class);
              BlobRef ref = blobs.put(MESSAGE);

              assertThat(blobs.get(ref.sha256())).isEqualTo(MESSAGE);
              assertThat(home.resolve("keys/blob.key")).isRegularFile();
              Path file =
                  home.resolve("blobs/sha256")
                      .resolve(ref.sha256().substring(0, 2))
                      .resolve(ref.sha256().substring(2, 4))
                      .resolve(ref.sha256());
              assertThat(Files.readAllBytes(file)).isNotEqualTo(MESSAGE);
              assertThat(context.getBean(BlobHealthIndicator.class).health().getStatus())
                  .isEqualTo(Status.UP);
            });
  }

  @Test
  void s3WithoutABucketStopsStartupSayingWhatToSet() {
    assertStartupFails(
        Map.of("RADFLOW_BLOB_STORE", "s3", "RADFLOW_BLOB_KEYS", "k1:" + key()),
        "RADFLOW_BLOB_S3_BUCKET");
  }

  @Test
  void s3WithoutConfiguredKeysStopsStartupRatherThanKeepAKeyOnOneNode() {
    assertStartupFails(
        Map.of("RADFLOW_BLOB_STORE", "s3", "RADFLOW_BLOB_S3_BUCKET", "blobs"), "RADFLOW_BLOB_KEYS");
    assertThat(home.resolve("keys")).doesNotExist();
  }

  @Test
  void s3IsChosenAndConfiguredByEnvironmentVariables() throws Exception {
    S3TestServer server = S3TestServer.shared();
    server.createBucket("radflow-config");
    radflow(s3Environment(server, "radflow-config"))
        .run(
            context -> {
              BlobStore blobs = context.getBean(BlobStore.class);
              BlobRef ref = blobs.put(MESSAGE);

              assertThat(blobs.get(ref.sha256())).isEqualTo(MESSAGE);
              assertThat(blobs.describe())
                  .startsWith("s3://radflow-config/site-a/")
                  .contains("active key new");
              try (S3Client raw = server.client()) {
                assertThat(
                        raw.listObjectsV2(list -> list.bucket("radflow-config").prefix("site-a/"))
                            .contents())
                    .singleElement()
                    .satisfies(o -> assertThat(o.key()).endsWith("/" + ref.sha256()));
              }
              assertThat(context.getBean(BlobHealthIndicator.class).health().getStatus())
                  .isEqualTo(Status.UP);
            });
    assertThat(home.resolve("keys")).doesNotExist();
  }

  @Test
  void aMissingBucketStartsButIsDownInHealth() throws Exception {
    radflow(s3Environment(S3TestServer.shared(), "no-such-bucket"))
        .run(
            context -> {
              Health health = context.getBean(BlobHealthIndicator.class).health();

              assertThat(health.getStatus()).isEqualTo(Status.DOWN);
              // where the payloads are is the log's to say, not health's (anyone may read it)
              assertThat(health.getDetails().get("error").toString())
                  .contains("the log says why")
                  .doesNotContain("no-such-bucket");
            });
  }

  private void assertStartupFails(Map<String, Object> environment, String naming) {
    radflow(environment)
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining(naming));
  }

  private static Map<String, Object> s3Environment(S3TestServer server, String bucket) {
    return Map.of(
        "RADFLOW_BLOB_STORE",
        "s3",
        "RADFLOW_BLOB_S3_BUCKET",
        bucket,
        "RADFLOW_BLOB_S3_PREFIX",
        "site-a",
        "RADFLOW_BLOB_S3_ENDPOINT",
        server.endpoint().toString(),
        "RADFLOW_BLOB_S3_PATH_STYLE",
        "true",
        "RADFLOW_BLOB_S3_ACCESS_KEY",
        S3TestServer.ACCESS_KEY,
        "RADFLOW_BLOB_S3_SECRET_KEY",
        S3TestServer.SECRET_KEY,
        "RADFLOW_BLOB_KEYS",
        "old:" + key() + ",new:" + key(),
        "RADFLOW_BLOB_ACTIVE_KEY",
        "new");
  }

  private static String key() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
