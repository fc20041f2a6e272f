package org.radflow.console;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.radflow.api.Allowed;
import org.radflow.api.OperatorActions;
import org.radflow.api.OutboxStatusView;
import org.radflow.api.WebhookDeliveryView;
import org.radflow.events.EventBackbone;
import org.radflow.events.OutboxOperations;
import org.radflow.webhook.WebhookDelivery;
import org.radflow.webhook.WebhookStore;
import org.radflow.webhook.WebhookSubscription;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The publication of study events: the outbox's backlog and lag, the events the relay parked (each
 * holding back its study's later events until unparked), and, for an admin, the webhook
 * subscriptions with the deliveries each gave up on.
 */
@Controller
class OutboxPage {

  static final int PARKED_SHOWN = 50;
  static final int SUBSCRIPTIONS_SHOWN = 50;
  static final int DEAD_SHOWN = 10;

  /** A subscription as the page lists it (its secret only as a hint), with its dead deliveries. */
  record Subscription(WebhookSubscription subscription, List<WebhookDelivery> dead) {}

  private final OutboxOperations outbox;
  private final ObjectProvider<EventBackbone> backbone;
  private final WebhookStore webhooks;
  private final OperatorActions actions;
  private final Clock clock;

  OutboxPage(
      OutboxOperations outbox,
      ObjectProvider<EventBackbone> backbone,
      WebhookStore webhooks,
      OperatorActions actions,
      Clock clock) {
    this.outbox = outbox;
    this.backbone = backbone;
    this.webhooks = webhooks;
    this.actions = actions;
    this.clock = clock;
  }

  @Allowed.Viewer
  @GetMapping("/console/outbox")
  String outbox(Authentication who, Model model) {
    Instant now = clock.instant();
    model.addAttribute(
        "status", OutboxStatusView.of(outbox.outboxStatus(now), backbone.getIfAvailable(), now));
    model.addAttribute("parked", outbox.parked(PARKED_SHOWN));
    // Subscriptions are an admin's to see: the rest of the page is read only for them.
    model.addAttribute("subscriptions", isAdmin(who) ? subscriptions() : List.of());
    return "console/outbox";
  }

  @Allowed.Operator
  @PostMapping("/console/outbox/{id}/unpark")
  String unpark(
      @PathVariable long id, ActionForm form, Principal caller, RedirectAttributes flash) {
    return form.perform(
        flash,
        () -> {
          actions.unpark(id, caller.getName(), form.request());
          return "outbox event " + id + " is back in line";
        });
  }

  @Allowed.Operator
  @PostMapping("/console/webhook-deliveries/{id}/redeliver")
  String redeliver(
      @PathVariable long id, ActionForm form, Principal caller, RedirectAttributes flash) {
    return form.perform(
        flash,
        () -> {
          WebhookDeliveryView again = actions.redeliver(id, caller.getName(), form.request());
          return "webhook delivery " + id + " is " + again.status() + " again";
        });
  }

  private List<Subscription> subscriptions() {
    return webhooks.subscriptions().stream()
        .limit(SUBSCRIPTIONS_SHOWN)
        .map(
            s ->
                new Subscription(
                    s, s.active() ? webhooks.deadLetters(s.id(), DEAD_SHOWN) : List.of()))
        .toList();
  }

  private static boolean isAdmin(Authentication who) {
    return who != null
        && who.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
  }
}
