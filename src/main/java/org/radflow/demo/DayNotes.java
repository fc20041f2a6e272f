package org.radflow.demo;

import java.util.ArrayList;
import java.util.List;

/** What happened in the day worth telling, stamped with the day's clock: for the report. */
final class DayNotes {

  private final DayClock clock;
  private final List<String> notes = new ArrayList<>();

  DayNotes(DayClock clock) {
    this.clock = clock;
  }

  synchronized void add(String note) {
    notes.add(clock.wallClock() + "  " + note);
  }

  synchronized List<String> all() {
    return List.copyOf(notes);
  }
}
