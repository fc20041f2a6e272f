package org.radflow.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Serves one simulated system over HTTP: applies the fault in force, then demands and honours
 * idempotency keys on mutating routes. A delayed request only sleeps on its own pool thread, so a
 * {@code TIMEOUT} fault holds the calls it catches without stalling the rest.
 */
final class ServiceHandler implements HttpHandler {

  private final SimulatedSystem system;
  private final FaultSwitch faults;
  private final List<Route> routes;

  ServiceHandler(SimulatedSystem system, FaultSwitch faults) {
    this.system = system;
    this.faults = faults;
    this.routes = system.routes();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Exchanges.write(exchange, answer(Exchanges.read(exchange)));
    } catch (InterruptedException e) {
      // The simulator is closing: drop the held request rather than answer it.
      Thread.currentThread().interrupt();
    }
  }

  private Answer answer(Call call) throws InterruptedException {
    if (call.method().equals("GET") && call.path().equals("/health")) {
      return health(faults.current());
    }
    if (call.idempotencyKey() != null) {
      system.ledger.received(call.idempotencyKey());
    }
    Fault fault = faults.take();
    switch (fault.mode()) {
      case SLOW -> Thread.sleep(fault.delayMillis());
      case TIMEOUT -> Thread.sleep(fault.holdMillis());
      case ERROR_5XX -> {
        return simulatedError(fault);
      }
      case REJECT -> {
        if (!call.method().equals("GET")) {
          return Answer.refused(
              422,
              "REJECTED_BY_SIMULATOR",
              "the " + system.service().description() + " refuses this call");
        }
      }
      case NONE, DOWN -> {}
    }
    return Exchanges.dispatch(routes, call, this::run);
  }

  private Answer run(Route route, Call call) {
    if (!route.mutating()) {
      return system.ledger.read(() -> route.handler().apply(call));
    }
    if (call.idempotencyKey() == null || call.idempotencyKey().isBlank()) {
      return Answer.refused(
          400,
          "MISSING_IDEMPOTENCY_KEY",
          call.method() + " " + call.path() + " needs an Idempotency-Key header");
    }
    return system.ledger.once(
        call.method() + " " + call.path(),
        call.idempotencyKey(),
        () -> route.handler().apply(call));
  }

  private Answer health(Fault fault) throws InterruptedException {
    switch (fault.mode()) {
      case SLOW -> Thread.sleep(fault.delayMillis());
      case TIMEOUT -> Thread.sleep(fault.holdMillis());
      case ERROR_5XX -> {
        return simulatedError(fault);
      }
      case NONE, DOWN, REJECT -> {}
    }
    return Answer.ok(Map.of("status", "UP"));
  }

  private Answer simulatedError(Fault fault) {
    return Answer.refused(
        fault.status(), "SIMULATED_FAULT", "the " + system.service().description() + " is faulted");
  }
}
