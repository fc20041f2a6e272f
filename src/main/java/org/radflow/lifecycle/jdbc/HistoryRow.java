package org.radflow.lifecycle.jdbc;

import java.time.Instant;
import org.radflow.study.Change;
import org.radflow.study.Transition;

/** The columns of a history row that people query; the full change is in its body. */
record HistoryRow(
    String changeType,
    String transitionType,
    String idempotencyKey,
    Instant businessTime,
    String sourceSystem,
    String sourceRef,
    String actor) {

  static HistoryRow of(Change change) {
    if (change instanceof Change.Created c) {
      return new HistoryRow(
          "CREATED",
          null,
          null,
          c.study().businessTime(),
          c.study().source().system(),
          c.study().source().messageRef(),
          c.study().actor());
    }
    Transition t;
    String type;
    if (change instanceof Change.Applied a) {
      t = a.transition();
      type = a.releasedFromHold() ? "RELEASED" : "APPLIED";
    } else if (change instanceof Change.Observed o) {
      t = o.transition();
      type = "OBSERVED";
    } else if (change instanceof Change.Held h) {
      t = h.held().transition();
      type = "HELD";
    } else if (change instanceof Change.HoldRefused r) {
      t = r.transition();
      type = "HOLD_REFUSED";
    } else if (change instanceof Change.HoldExpired e) {
      t = e.transition();
      type = "HOLD_EXPIRED";
    } else {
      throw new IllegalArgumentException("unknown change " + change);
    }
    return new HistoryRow(
        type,
        t.type().name(),
        t.idempotencyKey(),
        t.businessTime(),
        t.source().system(),
        t.source().messageRef(),
        t.actor());
  }
}
