package org.radflow.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.radflow.workflow.Service;
import tools.jackson.databind.JsonNode;

/**
 * The cluster's control API, on a port of its own so it still answers while a simulator is {@code
 * DOWN}. {@code {service}} is a slug such as {@code national-record}.
 *
 * <ul>
 *   <li>{@code GET /health}; {@code GET /services}: every simulator's base URL by slug.
 *   <li>{@code POST /faults/{service}
 *       {"mode":"DOWN","delayMillis":0,"status":500,"remaining":null}} sets a fault (only {@code
 *       mode} is required); {@code GET /faults/{service}} reads it.
 *   <li>{@code GET /state/{service}}: the simulator's {@link SimulatorState} as JSON.
 *   <li>{@code PUT /identity/unknown-patients {"patientIds":[...]}}: patients without an IHI.
 *   <li>{@code PUT /identity/patients {"patients":[{"authority","patientId","ihi","numberStatus",
 *       "recordStatus","resolvedTo"?,"medicare"?:{"number","irn"},"dva"?,"familyName"?,
 *       "givenName"?,"dateOfBirth"?,"sex"?}, ...]}}: registers HI Service patients (see {@link
 *       RegisteredPatient}), each replacing its local record's; {@code GET /identity/patients}
 *       lists them (not the implicit survivors of RESOLVED ones).
 *   <li>{@code PUT /image-archive/uncommitted {"accessions":[...]}}: accessions not yet committed.
 *   <li>{@code PUT /billing/verdict {"status":"REJECTED","reason":"..."}}: the verdict on every
 *       claim; {@code PUT /billing/claims/{id}/verdict {...}}: on one claim; {@code PUT
 *       /billing/accessions/{accession}/verdict {...}}: on the claim for that accession's charge. A
 *       claim's own verdict wins over its accession's, which wins over the one for all.
 * </ul>
 */
final class ControlServer implements AutoCloseable {

  private final SimulatorCluster cluster;
  private final HttpServer server;
  private final ExecutorService workers = Executors.newFixedThreadPool(2);
  private final List<Route> routes;

  private ControlServer(SimulatorCluster cluster, InetSocketAddress address) throws IOException {
    this.cluster = cluster;
    this.routes = routes();
    this.server = HttpServers.create(address, 16);
    server.createContext("/", this::handle);
    server.setExecutor(workers);
    server.start();
  }

  static ControlServer start(SimulatorCluster cluster, InetSocketAddress address)
      throws IOException {
    return new ControlServer(cluster, address);
  }

  URI url() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }

  private List<Route> routes() {
    return List.of(
        route("GET", "/health", call -> Answer.ok(Map.of("status", "UP"))),
        route("GET", "/services", call -> Answer.ok(slugged(cluster.baseUrls()))),
        route("POST", "/faults/{service}", this::setFault),
        route("GET", "/faults/{service}", call -> Answer.ok(simulator(call).fault())),
        route("GET", "/state/{service}", call -> Answer.ok(simulator(call).state())),
        route("PUT", "/identity/unknown-patients", this::unknownPatients),
        route("PUT", "/identity/patients", this::registerPatients),
        route("GET", "/identity/patients", this::registeredPatients),
        route("PUT", "/image-archive/uncommitted", this::uncommitted),
        route("PUT", "/billing/verdict", this::verdictForAll),
        route("PUT", "/billing/claims/{id}/verdict", this::verdict),
        route("PUT", "/billing/accessions/{accession}/verdict", this::verdictForAccession));
  }

  /** Control calls set switches; repeating one sets the same again, so no keys are kept. */
  private static Route route(String method, String template, Function<Call, Answer> handler) {
    return new Route(method, template, false, handler);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Call call = Exchanges.read(exchange);
      Exchanges.write(exchange, Exchanges.dispatch(routes, call, ControlServer::run));
    }
  }

  private static Answer run(Route route, Call call) {
    try {
      return route.handler().apply(call);
    } catch (IllegalArgumentException e) {
      return Answer.refused(400, "BAD_REQUEST", e.getMessage());
    }
  }

  private Answer setFault(Call call) {
    Simulator simulator = simulator(call);
    JsonNode body = call.body();
    JsonNode remaining = body.path("remaining");
    simulator.fault(
        new Fault(
            Fault.Mode.valueOf(call.text("mode")),
            body.path("delayMillis").asLong(0),
            body.path("status").asInt(500),
            remaining.isNumber() ? remaining.asInt() : null));
    return Answer.ok(simulator.fault());
  }

  private Answer unknownPatients(Call call) {
    List<String> patientIds = texts(call.body().path("patientIds"));
    cluster.identity().unknownPatients(patientIds);
    return Answer.ok(Map.of("unknownPatients", patientIds));
  }

  private Answer registerPatients(Call call) {
    JsonNode array = call.body().path("patients");
    if (!array.isArray()) {
      throw new IllegalArgumentException("expected {\"patients\": [...]}");
    }
    List<RegisteredPatient> patients = new ArrayList<>();
    for (JsonNode patient : array) {
      try {
        patients.add(RegisteredPatient.fromJson(patient));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("patients[" + patients.size() + "]: " + e.getMessage());
      }
    }
    cluster.identity().register(patients);
    return Answer.ok(Map.of("registered", patients.size()));
  }

  private Answer registeredPatients(Call call) {
    return Answer.ok(
        Map.of(
            "patients",
            cluster.identity().registered().stream().map(RegisteredPatient::toJson).toList()));
  }

  private Answer uncommitted(Call call) {
    List<String> accessions = texts(call.body().path("accessions"));
    cluster.archive().uncommitted(accessions);
    return Answer.ok(Map.of("uncommitted", accessions));
  }

  private Answer verdictForAll(Call call) {
    ClaimVerdict verdict = verdictOf(call);
    cluster.billing().verdictForAll(verdict);
    return Answer.ok(verdict);
  }

  private Answer verdict(Call call) {
    ClaimVerdict verdict = verdictOf(call);
    cluster.billing().verdict(call.param("id"), verdict);
    return Answer.ok(verdict);
  }

  private Answer verdictForAccession(Call call) {
    ClaimVerdict verdict = verdictOf(call);
    cluster.billing().verdictForAccession(call.param("accession"), verdict);
    return Answer.ok(verdict);
  }

  private Simulator simulator(Call call) {
    return cluster.simulator(Service.fromSlug(call.param("service")));
  }

  private static ClaimVerdict verdictOf(Call call) {
    String reason = call.body().path("reason").asString(null);
    return new ClaimVerdict(ClaimVerdict.Status.valueOf(call.text("status")), reason);
  }

  private static List<String> texts(JsonNode array) {
    if (!array.isArray()) {
      throw new IllegalArgumentException("expected a JSON array of strings");
    }
    List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.asString()));
    return texts;
  }

  static Map<String, String> slugged(Map<Service, URI> urls) {
    Map<String, String> bySlug = new LinkedHashMap<>();
    urls.forEach((service, url) -> bySlug.put(service.slug(), url.toString()));
    return bySlug;
  }
}
