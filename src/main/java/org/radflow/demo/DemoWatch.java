package org.radflow.demo;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Watches the day through the API, once a second: the day's studies by end-to-end status (the
 * store's counts less those it held before the day), open exceptions and suspended work. On a
 * terminal it redraws one progress line; elsewhere it prints a plain line now and then.
 */
final class DemoWatch {

  static final List<String> STATUSES =
      List.of(
          "ACTIVE",
          "WAITING",
          "SUSPENDED",
          "IN_EXCEPTION",
          "CLINICALLY_COMPLETE",
          "FINANCIALLY_COMPLETE",
          "CANCELLED");
  private static final Set<String> DONE = Set.of("FINANCIALLY_COMPLETE", "CANCELLED");

  /** What one look saw. */
  record Look(Map<String, Long> byStatus, long openExceptions, long suspended) {
    long done() {
      return DONE.stream().mapToLong(s -> byStatus.getOrDefault(s, 0L)).sum();
    }
  }

  private final RadflowApi api;
  private final DayClock clock;
  private final Acknowledged acknowledged;
  private final int studies;
  private final long dayLength;
  private final PrintStream out;
  private final boolean terminal;
  private final Map<String, Long> before;
  private final List<DemoTimeline.StatusSample> samples = new ArrayList<>();
  private final List<DemoTimeline.LagSample> relay = new ArrayList<>();
  private final Map<String, String> serviceStates = new LinkedHashMap<>();
  private final DayNotes notes;
  private long lastSent;
  private long lastNanos = System.nanoTime();
  private long lastPlainLine;

  DemoWatch(
      RadflowApi api,
      DayClock clock,
      Acknowledged acknowledged,
      int studies,
      long dayLength,
      DayNotes notes,
      PrintStream out,
      boolean terminal) {
    this.api = api;
    this.clock = clock;
    this.acknowledged = acknowledged;
    this.studies = studies;
    this.dayLength = dayLength;
    this.notes = notes;
    this.out = out;
    this.terminal = terminal;
    this.before = counts(api, Map.of());
  }

  /** The studies the store held before the day, by status. */
  long studiesBefore() {
    return before.values().stream().mapToLong(Long::longValue).sum();
  }

  Look look() {
    Map<String, Long> byStatus = counts(api, before);
    Instant now = Instant.now();
    samples.add(new DemoTimeline.StatusSample(now, byStatus));
    JsonNode outbox = api.get("/api/v1/outbox");
    relay.add(
        new DemoTimeline.LagSample(
            now, Math.round(outbox.path("oldestUnpublishedAgeSeconds").asDouble() * 1000)));
    long open = api.get("/api/v1/exceptions?limit=500").size();
    long suspended = 0;
    for (JsonNode service : api.get("/api/v1/services")) {
      suspended += service.path("suspended").path("count").asLong();
      noteStateChange(service);
    }
    return new Look(byStatus, open, suspended);
  }

  /** A service's health as radflow sees it, noted when it changes: DOWN, RECOVERED, UP. */
  private void noteStateChange(JsonNode service) {
    String name = service.path("service").asString();
    String state = service.path("state").asString();
    String before = serviceStates.put(name, state);
    if (before != null && !before.equals(state)) {
      long suspended = service.path("suspended").path("count").asLong();
      notes.add(
          "radflow sees "
              + name
              + " "
              + state
              + (service.path("reason").isNull() ? "" : ": " + service.path("reason").asString(""))
              + (suspended > 0 ? " (" + suspended + " steps suspended)" : ""));
    }
  }

  /** Draws the progress line from {@code look}. */
  void show(Look look) {
    long now = System.nanoTime();
    long sent = acknowledged.sent();
    double perSecond = (sent - lastSent) / ((now - lastNanos) / 1e9);
    lastSent = sent;
    lastNanos = now;
    long done = Math.min(look.done(), studies);
    String figures =
        String.format(
            Locale.ROOT,
            "%5d/%d studies done · %4.0f msg/s · %3d open exceptions · %4d suspended · day %s",
            done,
            studies,
            perSecond,
            look.openExceptions(),
            look.suspended(),
            clock.secondOfDay() > dayLength ? "over" : clock.wallClock());
    if (terminal) {
      int width = 28;
      int filled = (int) (width * done / Math.max(1, studies));
      out.print("\r[" + "#".repeat(filled) + "-".repeat(width - filled) + "] " + figures + "  ");
      out.flush();
    } else if (now - lastPlainLine > 15_000_000_000L) {
      lastPlainLine = now;
      out.println("  " + figures);
    }
  }

  /** Ends the progress line so what follows starts on its own. */
  void finish() {
    if (terminal) {
      out.println();
    }
  }

  List<DemoTimeline.StatusSample> samples() {
    return List.copyOf(samples);
  }

  List<DemoTimeline.LagSample> relayLag() {
    return List.copyOf(relay);
  }

  private static Map<String, Long> counts(RadflowApi api, Map<String, Long> less) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String status : STATUSES) {
      long count = api.count("status=" + status) - less.getOrDefault(status, 0L);
      counts.put(status, Math.max(0, count));
    }
    return counts;
  }
}
