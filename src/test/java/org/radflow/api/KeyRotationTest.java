package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.radflow.RadflowApplication;
import org.radflow.national.TestPackages;
import org.radflow.simulator.Fault;
import org.radflow.simulator.Resource;
import org.radflow.workflow.Service;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A publication suspended while My Health Record is down keeps its package sealed under the key
 * that was active then. The keys are rotated while it waits (radflow restarted with a new active
 * key, the old one kept for reading), and the release still sends it: under its old key id, to the
 * byte. What is retained after the rotation is sealed under the new key. A keyring that lost the
 * old key cannot open the package, and the step says so instead of sending anything else.
 */
class KeyRotationTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  private SimulatedWorld world;
  private ConfigurableApplicationContext radflow;
  private StudyDriver driver;
  private final String k1 = "k1:" + key();
  private final String k2 = "k2:" + key();

  @BeforeEach
  void start() throws Exception {
    world = SimulatedWorld.start("radflow-key-rotation");
  }

  @AfterEach
  void stop() {
    if (radflow != null) {
      radflow.close();
    }
    world.close();
  }

  @Test
  void a_package_suspended_under_the_old_key_is_released_after_rotation() throws Exception {
    serve(k1, "k1");
    world.simulators().fault(Service.NATIONAL_RECORD, Fault.down());
    String before = reportedStudy("ROT-1");
    JsonNode suspended = awaitPublish(before, "SUSPENDED");
    assertThat(suspended.path("retained").path("keyId").asString()).isEqualTo("k1");
    String blobRef = suspended.path("retained").path("blobRef").asString();

    radflow.close(); // rotate: k2 encrypts from now on, k1 stays to read what it sealed
    serve(k1 + "," + k2, "k2");
    String after = reportedStudy("ROT-2");
    JsonNode retainedAfter = awaitPublish(after, "SUSPENDED");
    assertThat(retainedAfter.path("retained").path("keyId").asString()).isEqualTo("k2");

    world.simulators().fault(Service.NATIONAL_RECORD, Fault.none());
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                distribution(before).equals("PUBLISHED")
                    && distribution(after).equals("PUBLISHED"));
    JsonNode released = publishStep(before);
    assertThat(released.path("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(released.path("retained").path("keyId").asString()).isEqualTo("k1");
    assertThat(released.path("retained").path("blobRef").asString()).isEqualTo(blobRef);
    // what the record received is the retained package, byte for byte
    Resource document =
        world
            .simulators()
            .simulator(Service.NATIONAL_RECORD)
            .state()
            .resource(released.path("externalRef").asString());
    assertThat("blob://sha256/" + document.attribute("packageSha256")).isEqualTo(blobRef);
  }

  @Test
  void a_keyring_without_the_sealing_key_refuses_to_send_and_says_which_key() throws Exception {
    serve(k1, "k1");
    world.simulators().fault(Service.NATIONAL_RECORD, Fault.down());
    String study = reportedStudy("ROT-3");
    awaitPublish(study, "SUSPENDED");

    radflow.close(); // k1 dropped too early
    serve(k2, "k2");
    world.simulators().fault(Service.NATIONAL_RECORD, Fault.none());
    JsonNode failed = awaitPublish(study, "FAILED");
    assertThat(failed.path("lastError").asString()).contains("k1", "RADFLOW_BLOB_KEYS");
    assertThat(world.simulators().simulator(Service.NATIONAL_RECORD).state().resources("document"))
        .isEmpty();
  }

  // ---- radflow, started and stopped like a process --------------------------------------------

  private void serve(String keys, String active) throws Exception {
    Map<String, Object> properties = new HashMap<>(world.properties());
    properties.put("server.port", "0");
    properties.put("radflow.mllp.port", "0");
    properties.put("radflow.blob.keys", keys);
    properties.put("radflow.blob.active-key", active);
    properties.put("radflow.orchestration.release-mode", "AUTOMATIC");
    radflow = new SpringApplicationBuilder(RadflowApplication.class).properties(properties).run();
    int port = Integer.parseInt(radflow.getEnvironment().getProperty("local.server.port"));
    driver = new StudyDriver(world.admin(port), "ROT", Duration.ofSeconds(30));
    TestPackages.knownTo(world.simulators());
  }

  /** A study ordered, imaged and finalised through the API, whose publication is owed. */
  private String reportedStudy(String accession) {
    String id = driver.open(accession, "P-" + accession);
    driver.awaitState(id, "clinical", "PROCEDURE_SCHEDULED");
    for (String type :
        List.of("ACQUISITION_STARTED", "ACQUISITION_COMPLETED", "REPORT_FINALISED")) {
      driver.transition(id, type, accession + type);
    }
    return id;
  }

  private JsonNode awaitPublish(String id, String status) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                publishStep(id) != null
                    && publishStep(id).path("status").asString().equals(status));
    return publishStep(id);
  }

  private JsonNode publishStep(String id) {
    return driver.steps(id).stream()
        .filter(s -> StudyDriver.kind(s).equals("PUBLISH_REPORT"))
        .findFirst()
        .orElse(null);
  }

  private String distribution(String id) {
    return driver.study(id).path("tracks").path("distribution").asString();
  }

  private static String key() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
