package org.radflow.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.radflow.events.EventBackbone;
import org.radflow.events.OutboxOperations;
import org.radflow.events.ParkedEvent;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The outbox's lag, the events the relay parked, and replay. */
@RestController
@Tag(name = "events", description = "Publication of study events: lag, parked events, replay")
class OutboxController {

  private final OutboxOperations store;
  private final ObjectProvider<EventBackbone> backbone;
  private final Clock clock;
  private final OperatorActions actions;

  OutboxController(
      OutboxOperations store,
      ObjectProvider<EventBackbone> backbone,
      Clock clock,
      OperatorActions actions) {
    this.actions = actions;
    this.store = store;
    this.backbone = backbone;
    this.clock = clock;
  }

  @Allowed.Viewer
  @GetMapping("/api/v1/outbox")
  @Operation(summary = "Backlog, age of the oldest unpublished event, parked events")
  OutboxStatusView status() {
    Instant now = clock.instant();
    return OutboxStatusView.of(store.outboxStatus(now), backbone.getIfAvailable(), now);
  }

  /** One parked event. */
  public record ParkedView(
      long id,
      String eventId,
      String studyId,
      long studySeq,
      String eventType,
      int attempts,
      String lastError,
      Instant parkedAt) {

    static ParkedView of(ParkedEvent p) {
      return new ParkedView(
          p.event().id(),
          p.event().eventId().toString(),
          p.event().studyId().toString(),
          p.event().studySeq(),
          p.event().eventType(),
          p.attempts(),
          p.lastError(),
          p.parkedAt());
    }
  }

  @Allowed.Viewer
  @GetMapping("/api/v1/outbox/parked")
  @Operation(
      summary = "Events the relay gave up on",
      description =
          "A parked event holds back the rest of its study's events, so consumers never see a gap"
              + " or a reordering. Fix the cause, then unpark it.")
  List<ParkedView> parked(@RequestParam(defaultValue = "100") int limit) {
    Fields.range(limit, "limit", 1, 1000);
    return store.parked(limit).stream().map(ParkedView::of).toList();
  }

  @Allowed.Operator
  @PostMapping("/api/v1/outbox/{id}/unpark")
  @Operation(summary = "Put a parked event back in line (audited)")
  void unpark(@PathVariable long id, @RequestBody OperatorRequest body, Principal caller) {
    actions.unpark(id, caller.getName(), body);
  }

  /** A replay: one study's events, or every event recorded in a time range. */
  public record ReplayRequest(String study, Instant from, Instant to, String reason) {
    public ReplayRequest {
      Fields.name(study, "study", Fields.IDENTIFIER);
      Fields.time(from, "from");
      Fields.time(to, "to");
      Fields.text(reason, "reason", Fields.REASON);
    }
  }

  /** How many events were published again. */
  public record ReplayView(int replayed) {}

  @Allowed.Operator
  @PostMapping("/api/v1/replays")
  @Operation(
      summary = "Publish events again (audited)",
      description =
          "Rebuilt from the history, with their original ids, marked with the CloudEvents"
              + " extension radflowreplay=true (and X-Radflow-Replay on webhooks). Give a study, or"
              + " from and to; at most 10,000 events per request.")
  ReplayView replay(@RequestBody ReplayRequest body, Principal caller) {
    OperatorRequest operator = new OperatorRequest(body.reason(), null).checked();
    EventBackbone running = backbone.getIfAvailable();
    if (running == null) {
      throw new ApiProblem(
          ProblemType.ORCHESTRATION_OFF,
          "the relay is disabled on this node (radflow.outbox.relay)");
    }
    try {
      if (body.study() != null) {
        return new ReplayView(
            running.replayStudy(
                Problems.studyId(body.study()), caller.getName(), operator.reason()));
      }
      if (body.from() == null || body.to() == null || !body.from().isBefore(body.to())) {
        throw new ApiProblem(
                ProblemType.INVALID_FIELD,
                "give a study, or from and to with from before to (ISO-8601 instants)")
            .with("field", body.from() == null ? "from" : "to");
      }
      return new ReplayView(
          running.replayRange(body.from(), body.to(), caller.getName(), operator.reason()));
    } catch (EventBackbone.ReplayFailed e) {
      throw ApiProblem.retryLater(ProblemType.BROKER_UNAVAILABLE, e.getMessage(), 5);
    }
  }
}
