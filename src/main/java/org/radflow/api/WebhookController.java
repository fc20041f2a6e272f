package org.radflow.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.radflow.webhook.Subscribing;
import org.radflow.webhook.WebhookStore;
import org.radflow.webhook.WebhookSubscription;
import org.radflow.webhook.WebhookSubscriptions;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Webhook subscriptions, their dead letters, and redelivery. Every change is audited. */
@RestController
@Tag(name = "webhooks", description = "Signed HTTP callbacks for study events")
class WebhookController {

  private static final int MAX_LIMIT = 1000;

  private final WebhookStore store;
  private final WebhookSubscriptions subscriptions;
  private final Clock clock;
  private final OperatorActions actions;

  WebhookController(
      WebhookStore store,
      WebhookSubscriptions subscriptions,
      Clock clock,
      OperatorActions actions) {
    this.actions = actions;
    this.store = store;
    this.subscriptions = subscriptions;
    this.clock = clock;
  }

  @Allowed.Admin
  @PostMapping("/api/v1/webhooks")
  @Operation(
      summary = "Subscribe a URL to study events",
      description =
          "Every matching event committed from now on is POSTed to the URL, in order, signed with"
              + " the secret (X-Radflow-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of"
              + " \"<t>.<body>\">). Audited. Refused (422, naming the field and the setting that"
              + " would allow it) unless the URL is https and its host resolves to public"
              + " addresses only, or when as many subscriptions as allowed are active.")
  ResponseEntity<WebhookView> subscribe(@RequestBody WebhookRequest body, Principal caller) {
    WebhookRequest request = body.checked();
    Subscribing result =
        subscriptions.subscribe(
            request.url(),
            request.secret(),
            request.eventTypes(),
            caller.getName(),
            clock.instant());
    if (result instanceof Subscribing.TargetRefused refused) {
      ApiProblem problem =
          new ApiProblem(ProblemType.ACTION_REFUSED, refused.reason()).with("field", "url");
      throw refused.setting() == null ? problem : problem.with("setting", refused.setting());
    }
    if (result instanceof Subscribing.LimitReached limit) {
      throw new ApiProblem(
              ProblemType.ACTION_REFUSED,
              limit.limit()
                  + " subscriptions are active, the most allowed: deactivate one, or raise "
                  + WebhookSubscriptions.MAX_ACTIVE)
          .with("limit", limit.limit())
          .with("setting", WebhookSubscriptions.MAX_ACTIVE);
    }
    WebhookSubscription created = ((Subscribing.Subscribed) result).subscription();
    return ResponseEntity.created(URI.create("/api/v1/webhooks/" + created.id()))
        .body(WebhookView.of(created));
  }

  @Allowed.Admin
  @GetMapping("/api/v1/webhooks")
  @Operation(summary = "Every subscription, active or not (secrets only as hints)")
  List<WebhookView> subscriptions() {
    return store.subscriptions().stream().map(WebhookView::of).toList();
  }

  @Allowed.Admin
  @DeleteMapping("/api/v1/webhooks/{id}")
  @Operation(
      summary = "Deactivate a subscription",
      description =
          "It receives no new events; deliveries still pending are cancelled (status CANCELLED,"
              + " the reason in lastError). Audited with who (the caller) and the reason.")
  WebhookView deactivate(
      @PathVariable String id, @RequestBody OperatorRequest body, Principal caller) {
    OperatorRequest request = body.checked();
    UUID subscription = uuid(id);
    return store
        .deactivate(subscription, caller.getName(), request.reason(), clock.instant())
        .map(WebhookView::of)
        .orElseThrow(() -> notFound("webhook subscription", id));
  }

  @Allowed.Admin
  @GetMapping("/api/v1/webhooks/{id}/dead-letters")
  @Operation(summary = "A subscription's deliveries that were given up on, oldest first")
  List<WebhookDeliveryView> deadLetters(
      @PathVariable String id, @RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ApiProblem(
              ProblemType.INVALID_PARAMETER, "limit must be 1 to " + MAX_LIMIT + ", was " + limit)
          .with("parameter", "limit");
    }
    UUID subscription = uuid(id);
    if (store.subscription(subscription).isEmpty()) {
      throw notFound("webhook subscription", id);
    }
    return store.deadLetters(subscription, limit).stream().map(WebhookDeliveryView::of).toList();
  }

  @Allowed.Operator
  @PostMapping("/api/v1/webhook-deliveries/{id}/redeliver")
  @Operation(
      summary = "Send a dead delivery again",
      description =
          "Pending again, due now, with a fresh allowance of attempts; it goes before anything of"
              + " its subscription still pending. Refused (422) unless it is dead and its"
              + " subscription active. Audited.")
  WebhookDeliveryView redeliver(
      @PathVariable long id, @RequestBody OperatorRequest body, Principal caller) {
    return actions.redeliver(id, caller.getName(), body);
  }

  private static UUID uuid(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new ApiProblem(ProblemType.INVALID_PARAMETER, "id must be a UUID, was '" + id + "'")
          .with("parameter", "id");
    }
  }

  private static ApiProblem notFound(String what, String id) {
    return new ApiProblem(ProblemType.NO_SUCH_RESOURCE, "no " + what + " " + id).with("id", id);
  }
}
