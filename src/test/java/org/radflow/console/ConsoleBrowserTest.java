package org.radflow.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.radflow.access.Role;
import org.radflow.access.Users;
import org.radflow.api.Api;
import org.radflow.api.Bodies;
import org.radflow.api.SimulatedWorld;
import org.radflow.api.StudyDriver;
import org.radflow.simulator.Fault;
import org.radflow.workflow.Service;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The console in a real headless Chromium, as an operator uses it: sign in, find a study by its
 * accession and read its tracks and timeline, redrive its failed step, release a service after an
 * outage, resolve an exception with a note, and find each action in the audit; then a viewer, who
 * sees no action and whose POST is refused. Every step is checked on the page and again through the
 * API, which reads the database. The pages are photographed for the docs on the way ({@code
 * -Dradflow.screenshots=docs/console} keeps them there).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "radflow.mllp.port=0")
class ConsoleBrowserTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String PASSWORD = "a long console password";
  private static SimulatedWorld world;

  @LocalServerPort int port;
  @Autowired Users users;
  Api api;
  StudyDriver driver;
  String run;

  @DynamicPropertySource
  static void radflow(DynamicPropertyRegistry registry) throws Exception {
    world = SimulatedWorld.start("radflow-console-browser");
    // an operator releases suspended work: the release is one of the steps shown here
    world.register(registry, Map.of("radflow.orchestration.release-mode", "MANUAL"));
  }

  @AfterAll
  static void stopSimulators() {
    world.close();
  }

  @BeforeEach
  void connect() {
    api = world.admin(port);
    driver = new StudyDriver(api, Bodies.uniqueAuthority(), PATIENCE);
    run = UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void heal() {
    world.simulators().identity().unknownPatients(List.of());
    world.healAll();
  }

  @Test
  void anOperatorFindsRedrivesReleasesResolvesAndFindsItAllInTheAudit() {
    String operator = "operator-" + run;
    users.create(
        operator, Set.of(Role.OPERATOR, Role.AUDITOR, Role.ADMIN), PASSWORD, "browser test");
    String accession = "ACC-B-" + run;
    Failed failed = failedStudy(accession);

    try (Chromium chromium = Chromium.start()) {
      // sign in
      chromium.signIn(base(), operator, PASSWORD);
      assertThat(chromium.visible("header.top .who").getText()).contains(operator);

      // find the study by its accession and read its tracks and timeline
      chromium.open(page("/console/studies"));
      chromium.visible("#accession").sendKeys(accession);
      chromium.visible("#search button[type=submit]").click();
      chromium.await(ExpectedConditions.visibilityOfElementLocated(By.id("study-" + failed.id())));
      chromium.visible("#study-" + failed.id() + " a").click();
      chromium.await(ExpectedConditions.urlContains("/console/studies/" + failed.id()));
      JsonNode study = driver.study(failed.id());
      assertThat(chromium.visible("#accession").getText()).isEqualTo(accession);
      assertThat(chromium.visible("#track-CLINICAL").getText())
          .contains(study.path("tracks").path("clinical").asString());
      assertThat(chromium.visible("#track-IMAGING").getText())
          .contains(study.path("tracks").path("imaging").asString());
      assertThat(chromium.visible("#why").getText())
          .contains(study.path("status").path("reasons").get(0).asString());
      List<WebElement> timeline =
          chromium.driver().findElements(By.cssSelector("#timeline tr[id^=entry-]"));
      assertThat(timeline).hasSize(driver.history(failed.id()).size());
      chromium.fullPageScreenshot("study");

      // redrive the failed step, now that the identity service knows the patient
      world.simulators().identity().unknownPatients(List.of());
      chromium
          .visible("#redrive-reason-" + failed.step())
          .sendKeys("IHI registered at the HI Service");
      chromium.visible("#redrive-" + failed.step() + " button[type=submit]").click();
      assertThat(chromium.visible(".flash.ok").getText()).contains("redriven");
      JsonNode redriven = api.get("/api/v1/steps/" + failed.step()).json();
      assertThat(redriven.path("redrives").asInt()).isEqualTo(1);
      await().atMost(PATIENCE).until(() -> driver.succeeded(failed.id(), "VALIDATE_IDENTITY"));

      // an outage suspends work; after the recovery the operator releases it with a reason
      world.simulators().fault(Service.IDENTITY, Fault.down());
      List<String> suspended = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        suspended.add(driver.open("ACC-B-OUT-" + i + "-" + run, "P-OUT-" + i + "-" + run));
      }
      await()
          .atMost(PATIENCE)
          .until(() -> driver.service("identity").path("suspended").path("count").asLong() >= 3);
      chromium.open(page("/console/services"));
      assertThat(chromium.visible("#service-identity").getText()).contains("DOWN");
      chromium.screenshot("services");
      world.simulators().fault(Service.IDENTITY, Fault.none());
      await()
          .atMost(PATIENCE)
          .until(() -> driver.service("identity").path("state").asString().equals("RECOVERED"));
      chromium.open(page("/console/services/identity"));
      chromium.visible("#suspended");
      chromium.fullPageScreenshot("service");
      chromium.visible("#release-reason").sendKeys("HI Service answering again");
      chromium.visible("#release-confirm").click();
      chromium.visible("#release button[type=submit]").click();
      assertThat(chromium.visible(".flash.ok").getText()).contains("releasing");
      await()
          .atMost(PATIENCE)
          .until(() -> driver.service("identity").path("state").asString().equals("UP"));
      for (String id : suspended) {
        await().atMost(PATIENCE).until(() -> driver.succeeded(id, "VALIDATE_IDENTITY"));
      }

      // resolve an exception from the lane, with a note
      Failed second = failedStudy("ACC-B2-" + run);
      chromium.open(page("/console/exceptions"));
      String item = "#act-" + second.id() + "-" + second.exception();
      chromium.visible("#item-" + second.id() + "-" + second.exception());
      chromium.screenshot("exceptions");
      new org.openqa.selenium.support.ui.Select(chromium.visible(item + " select[name=action]"))
          .selectByValue("RESOLVE");
      chromium
          .visible(item + " input[name=reason]")
          .sendKeys("patient merged by hand, see ticket 42");
      chromium.visible(item + " button[type=submit]").click();
      chromium.visible(".flash.ok");
      assertThat(driver.study(second.id()).path("exceptions").size()).isZero();

      // each action in the audit page, and in the audit the API reads
      chromium.open(page("/console/audit"));
      String audit = chromium.visible("#results").getText();
      assertThat(audit)
          .contains("REDRIVE", "IHI registered at the HI Service")
          .contains("RELEASE", "HI Service answering again")
          .contains("RESOLVE", "patient merged by hand, see ticket 42")
          .contains(operator);
      JsonNode trail = api.get("/api/v1/audit?limit=100").json();
      assertThat(trail.toString())
          .contains("IHI registered at the HI Service")
          .contains("HI Service answering again")
          .contains("patient merged by hand, see ticket 42");

      chromium.open(page("/console"));
      chromium.visible("#live");
      chromium.fullPageScreenshot("overview");
    }
  }

  @Test
  void aViewerSeesNoActionAndItsPostIsRefused() {
    String viewer = "viewer-" + run;
    users.create(viewer, Set.of(Role.VIEWER), PASSWORD, "browser test");
    Failed failed = failedStudy("ACC-V-" + run);

    try (Chromium chromium = Chromium.start()) {
      chromium.signIn(base(), viewer, PASSWORD);
      chromium.open(page("/console/studies/" + failed.id()));
      chromium.visible("#steps");
      assertThat(chromium.driver().findElements(By.cssSelector("form.action"))).isEmpty();
      assertThat(chromium.driver().findElements(By.cssSelector("main button"))).isEmpty();
      chromium.open(page("/console/exceptions"));
      chromium.visible("#lane");
      assertThat(chromium.driver().findElements(By.cssSelector("main form[method=post]")))
          .isEmpty();

      // the viewer's own session, with a valid CSRF token, posts the redrive anyway
      Object status =
          ((JavascriptExecutor) chromium.driver())
              .executeAsyncScript(
                  "const done = arguments[arguments.length - 1];"
                      + "const token = JSON.parse(document.body.getAttribute('hx-headers'));"
                      + "fetch('/console/steps/"
                      + failed.step()
                      + "/redrive', {method: 'POST', headers: Object.assign({'Accept':"
                      + " 'text/html', 'Content-Type': 'application/x-www-form-urlencoded'},"
                      + " token), body: 'reason=not+mine'}).then(r => done(r.status),"
                      + " e => done(String(e)));");
      assertThat(status).isEqualTo(403L);
      assertThat(api.get("/api/v1/steps/" + failed.step()).json().path("redrives").asInt())
          .isZero();
    }
  }

  @Test
  void everyControlOnEveryPageHasALabelAndTheKeyboardReachesIt() {
    String admin = "admin-" + run;
    users.create(admin, Set.of(Role.values()), PASSWORD, "browser test");
    Failed failed = failedStudy("ACC-L-" + run);
    List<String> pages =
        List.of(
            "/console",
            "/console/studies",
            "/console/studies/" + failed.id(),
            "/console/exceptions",
            "/console/services",
            "/console/services/identity",
            "/console/dead-letters",
            "/console/outbox",
            "/console/audit");
    try (Chromium chromium = Chromium.start()) {
      chromium.signIn(base(), admin, PASSWORD);
      JavascriptExecutor js = (JavascriptExecutor) chromium.driver();
      long controls = 0;
      for (String path : pages) {
        chromium.open(page(path));
        chromium.visible("main");
        controls +=
            (Long)
                js.executeScript(
                    "return document.querySelectorAll('input:not([type=hidden]), select,"
                        + " textarea').length;");
        Object unlabelled =
            js.executeScript(
                "return [...document.querySelectorAll('input:not([type=hidden]), select,"
                    + " textarea')].filter(e => e.labels.length === 0"
                    + " && !e.getAttribute('aria-label')).map(e => e.outerHTML);");
        assertThat((List<?>) unlabelled).as(path).isEmpty();
        Object unreachable =
            js.executeScript(
                "return [...document.querySelectorAll('main a[href], main button, main input:not("
                    + "[type=hidden]), main select, main textarea')].filter(e => e.tabIndex < 0"
                    + " || e.disabled).map(e => e.outerHTML);");
        assertThat((List<?>) unreachable).as(path).isEmpty();
      }
      assertThat(controls).as("form controls checked on the pages").isGreaterThan(30);
    }
  }

  private record Failed(String id, String step, long exception) {}

  /** A study whose identity step fails for real: the identity service knows no such patient. */
  private Failed failedStudy(String accession) {
    String patient = "P-" + accession;
    world.simulators().identity().unknownPatient(patient);
    String id = driver.open(accession, patient);
    JsonNode item = driver.awaitLaneItem(id, "STEP_FAILED");
    return new Failed(id, item.path("step").asString(), item.path("exception").asLong());
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + port);
  }

  private URI page(String path) {
    return base().resolve(path);
  }
}
