package org.radflow.demo;

import java.util.List;

/**
 * The end-of-day summary, as sections of labelled figures: printed as a table on the terminal and
 * rendered in the HTML report. A row marked {@code alarm} is one that must be zero and is not (lost
 * or duplicated work).
 */
public record SummaryTable(List<Section> sections) {

  public SummaryTable {
    sections = List.copyOf(sections);
  }

  public record Section(String title, List<Row> rows) {
    public Section {
      rows = List.copyOf(rows);
    }
  }

  public record Row(String label, String value, boolean alarm) {
    public static Row of(String label, long value) {
      return new Row(label, Long.toString(value), false);
    }

    /** A count that must be zero: an alarm when it is not. */
    public static Row mustBeZero(String label, long value) {
      return new Row(label, Long.toString(value), value != 0);
    }
  }
}
