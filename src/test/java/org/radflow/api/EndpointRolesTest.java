package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radflow.access.Role;
import org.radflow.access.Tokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint the application maps, found in its own request mappings, called over real HTTP by
 * an anonymous caller and by a token of each single role: anonymous is 401, a role that does not
 * belong is 403 (both problem documents), and the role that belongs is let through (whatever the
 * endpoint then answers to a placeholder request). Nothing is listed by hand but the policy the
 * roles are checked against, which is the issue's.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"radflow.orchestration.enabled=false", "radflow.mllp.port=0"})
class EndpointRolesTest {

  @TempDir static Path home;

  @DynamicPropertySource
  static void radflow(DynamicPropertyRegistry registry) {
    registry.add("radflow.home", () -> home.toString());
  }

  @LocalServerPort int port;
  @Autowired Tokens tokens;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  /** The roles each annotation admits: operator includes viewer, nothing else includes another. */
  static Set<Role> admitted(Class<? extends Annotation> allowed) {
    if (allowed == Allowed.Viewer.class) {
      return EnumSet.of(Role.VIEWER, Role.OPERATOR);
    }
    if (allowed == Allowed.SignedIn.class) {
      return EnumSet.allOf(Role.class);
    }
    return EnumSet.of(
        Map.of(
                Allowed.Integration.class, Role.INTEGRATION,
                Allowed.Operator.class, Role.OPERATOR,
                Allowed.Auditor.class, Role.AUDITOR,
                Allowed.Admin.class, Role.ADMIN)
            .get(allowed));
  }

  static final List<Class<? extends Annotation>> ROLE_ANNOTATIONS =
      List.of(
          Allowed.Integration.class,
          Allowed.Viewer.class,
          Allowed.Operator.class,
          Allowed.Auditor.class,
          Allowed.Admin.class,
          Allowed.SignedIn.class);

  record Endpoint(String method, String path, HandlerMethod handler) {}

  @Test
  void everyEndpointAdmitsItsRolesAndRefusesAnonymousAndEveryOtherRole() {
    List<Endpoint> endpoints = endpoints();
    assertThat(endpoints).as("endpoints found in the request mappings").hasSizeGreaterThan(40);
    Map<Role, String> secrets = new LinkedHashMap<>();
    for (Role role : Role.values()) {
      secrets.put(role, TestTokens.with(tokens, Set.of(role)).secret());
    }
    Api anonymous = new Api(port);
    List<String> wrong = new ArrayList<>();
    for (Endpoint endpoint : endpoints) {
      Set<Role> admitted = admitted(roleOf(endpoint.handler()));
      String body = hasBody(endpoint.handler()) ? "{}" : null;
      Api.Response anon =
          anonymous.send(endpoint.method(), endpoint.path(), contentType(body), body);
      if (anon.status() != 401 || !anon.contentType().startsWith("application/problem+json")) {
        wrong.add(endpoint + " anonymous: " + anon.status());
      }
      for (Role role : Role.values()) {
        Api.Response answer =
            anonymous
                .as(secrets.get(role))
                .send(endpoint.method(), endpoint.path(), contentType(body), body);
        boolean refused = answer.status() == 403;
        if (admitted.contains(role) == refused || answer.status() == 401) {
          wrong.add(endpoint.method() + " " + endpoint.path() + " as " + role + ": " + answer);
        }
        if (refused && !answer.contentType().startsWith("application/problem+json")) {
          wrong.add(endpoint + " as " + role + ": 403 without a problem document");
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void everyRadflowHandlerSaysWhoMayCallIt() {
    List<String> unsaid = new ArrayList<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping :
        mappings.getHandlerMethods().entrySet()) {
      HandlerMethod handler = mapping.getValue();
      if (!isRadflow(handler) || handler.getBeanType() == ProblemErrorController.class) {
        continue; // the container's error dispatch, never a request of its own
      }
      long said = ROLE_ANNOTATIONS.stream().filter(a -> handler.hasMethodAnnotation(a)).count();
      if (said != 1) {
        unsaid.add(handler + " has " + said + " role annotations");
      }
    }
    assertThat(unsaid).isEmpty();
  }

  /** The policy of the issue, checked on the endpoints that carry the most risk. */
  @Test
  void rawPatientDataCredentialsAndActionsBelongToTheirRoles() {
    Map<String, Class<? extends Annotation>> policy =
        Map.of(
            "GET /api/v1/dead-letters/{id}/raw", Allowed.Auditor.class,
            "GET /api/v1/audit", Allowed.Auditor.class,
            "POST /api/v1/tokens", Allowed.Admin.class,
            "POST /api/v1/users", Allowed.Admin.class,
            "POST /api/v1/webhooks", Allowed.Admin.class,
            "PUT /api/v1/services/{service}/release-policy", Allowed.Admin.class,
            "POST /api/v1/steps/{step}/redrive", Allowed.Operator.class,
            "POST /api/v1/replays", Allowed.Operator.class,
            "POST /api/v1/studies", Allowed.Integration.class,
            "GET /api/v1/studies/{id}/history", Allowed.Viewer.class);
    Map<String, Class<? extends Annotation>> found = new LinkedHashMap<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping :
        mappings.getHandlerMethods().entrySet()) {
      if (!isRadflow(mapping.getValue())) {
        continue;
      }
      for (RequestMethod method : mapping.getKey().getMethodsCondition().getMethods()) {
        for (String pattern : mapping.getKey().getPatternValues()) {
          found.put(method + " " + pattern, roleOf(mapping.getValue()));
        }
      }
    }
    assertThat(found).containsAllEntriesOf(policy);
  }

  @Test
  void aRoleThatMayNotIsRefusedBeforeItsBodyIsRead() {
    Api viewer = new Api(port, TestTokens.with(tokens, Set.of(Role.VIEWER)).secret());
    viewer
        .send("POST", "/api/v1/replays", "application/json", "{not json at all")
        .problem(403, "forbidden");
    viewer
        .send("POST", "/api/v1/studies", "application/json", "{\"actor\": 1, \"x\": [[[")
        .problem(403, "forbidden");
    Api operator = new Api(port, TestTokens.with(tokens, Set.of(Role.OPERATOR)).secret());
    operator
        .send("POST", "/api/v1/replays", "application/json", "{not json at all")
        .problem(400, "malformed-json");
  }

  @Test
  void onlyHealthIsAnonymousAndTheRiskyActuatorEndpointsAreNotThere() {
    Api anonymous = new Api(port);
    assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
    assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
    assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
    anonymous.get("/actuator/prometheus").problem(401, "unauthenticated");
    Api viewer = anonymous.as(TestTokens.with(tokens, Set.of(Role.VIEWER)).secret());
    assertThat(viewer.get("/actuator/prometheus").status()).isEqualTo(200);
    assertThat(anonymous.get("/actuator/health").text()).doesNotContain("components");
    Api operator = anonymous.as(TestTokens.with(tokens, Set.of(Role.OPERATOR)).secret());
    assertThat(operator.get("/actuator/health").json().path("components").has("store")).isTrue();
    assertThat(viewer.get("/actuator/health").text()).doesNotContain("components");
    Api admin = anonymous.as(TestTokens.allRoles(tokens).secret());
    for (String hidden : List.of("env", "heapdump", "threaddump", "configprops", "beans")) {
      assertThat(admin.get("/actuator/" + hidden).status()).as(hidden).isIn(403, 404);
    }
  }

  private List<Endpoint> endpoints() {
    List<Endpoint> endpoints = new ArrayList<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping :
        mappings.getHandlerMethods().entrySet()) {
      HandlerMethod handler = mapping.getValue();
      if (!isRadflow(handler) || handler.getBeanType() == ProblemErrorController.class) {
        continue;
      }
      Set<RequestMethod> methods = mapping.getKey().getMethodsCondition().getMethods();
      for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
        for (String pattern : mapping.getKey().getPatternValues()) {
          endpoints.add(new Endpoint(method.name(), concrete(pattern, handler), handler));
        }
      }
    }
    return endpoints;
  }

  /** The pattern with each path variable given a value of its parameter's type. */
  private static String concrete(String pattern, HandlerMethod handler) {
    String path = pattern;
    for (MethodParameter parameter : handler.getMethodParameters()) {
      PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
      if (variable == null) {
        continue;
      }
      String name = variable.value().isEmpty() ? parameter.getParameterName() : variable.value();
      Class<?> type = parameter.getParameterType();
      String value =
          type == long.class || type == Long.class || type == int.class
              ? "987654321"
              : UUID.randomUUID().toString();
      path = path.replace("{" + name + "}", value);
    }
    return path;
  }

  private static boolean hasBody(HandlerMethod handler) {
    for (MethodParameter parameter : handler.getMethodParameters()) {
      if (parameter.hasParameterAnnotation(RequestBody.class)) {
        return true;
      }
    }
    return false;
  }

  private static String contentType(String body) {
    return body == null ? null : "application/json";
  }

  private static boolean isRadflow(HandlerMethod handler) {
    return handler.getBeanType().getPackageName().startsWith("org.radflow");
  }

  private static Class<? extends Annotation> roleOf(HandlerMethod handler) {
    Method method = handler.getMethod();
    return ROLE_ANNOTATIONS.stream()
        .filter(method::isAnnotationPresent)
        .findFirst()
        .orElseThrow(() -> new AssertionError(handler + " says nothing of who may call it"));
  }
}
