package org.radflow.console;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.radflow.api.Allowed;
import org.radflow.api.ExceptionLane;
import org.radflow.api.ServiceView;
import org.radflow.deadletter.DeadLetter;
import org.radflow.deadletter.DeadLetterStore;
import org.radflow.events.OutboxOperations;
import org.radflow.lifecycle.StudyReads;
import org.radflow.orchestration.ServiceStore;
import org.radflow.orchestration.StepStore;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The first page: where the day stands, at a glance. Its figures are one fragment that htmx asks
 * for again every few seconds, so the page keeps itself current without a reload.
 */
@Controller
class OverviewController {

  /** The steps the latency chart is drawn from: the most recent this many of the last 12 hours. */
  static final int LATENCY_SAMPLE = 5_000;

  private final StudyReads studies;
  private final ServiceStore services;
  private final OutboxOperations outbox;
  private final DeadLetterStore deadLetters;
  private final StepStore steps;
  private final ExceptionLane lane;
  private final Clock clock;

  OverviewController(
      StudyReads studies,
      StepStore steps,
      ServiceStore services,
      OutboxOperations outbox,
      DeadLetterStore deadLetters,
      Clock clock) {
    this.studies = studies;
    this.services = services;
    this.outbox = outbox;
    this.deadLetters = deadLetters;
    this.steps = steps;
    this.lane = new ExceptionLane(studies, steps);
    this.clock = clock;
  }

  @Allowed.Viewer
  @GetMapping("/console")
  String overview(Model model) {
    figures(model);
    charts(model, clock.instant());
    return "console/overview";
  }

  @Allowed.Viewer
  @GetMapping("/console/overview/live")
  String live(Model model) {
    figures(model);
    return "console/overview :: live";
  }

  @Allowed.Viewer
  @GetMapping("/console/overview/charts")
  String charts(Model model) {
    charts(model, clock.instant());
    return "console/overview :: charts";
  }

  private void charts(Model model, Instant now) {
    Instant from = now.minus(OverviewCharts.WINDOW);
    model.addAttribute(
        "statusChart", OverviewCharts.studiesPerStatus(studies.statusSamples(from), now));
    model.addAttribute(
        "latencyChart",
        OverviewCharts.stepLatency(steps.recentlyCompleted(from, LATENCY_SAMPLE), now));
  }

  private void figures(Model model) {
    Instant now = clock.instant();
    model.addAttribute("services", ServiceView.all(services, services.unfinishedStepCounts(), now));
    model.addAttribute("exceptions", lane.summary());
    model.addAttribute("outbox", outbox.outboxStatus(now));
    model.addAttribute("openDeadLetters", deadLetters.countDeadLetters(DeadLetter.Status.OPEN));
    model.addAttribute("now", now);
    model.addAttribute("counts", studies.counts(now.truncatedTo(ChronoUnit.DAYS)));
  }
}
