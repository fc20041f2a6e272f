package org.radflow.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.radflow.lifecycle.HistoryEntry;
import org.radflow.study.Change;
import org.radflow.study.EntryKind;
import org.radflow.study.ImagingState;
import org.radflow.study.NewStudy;
import org.radflow.study.Transition;
import org.radflow.study.TransitionType;

/** A study's append-only history, oldest first: the audit trail. */
@Schema(name = "History")
public record HistoryView(String studyId, List<Entry> entries) {

  public static HistoryView of(String studyId, List<HistoryEntry> entries) {
    return new HistoryView(studyId, entries.stream().map(Entry::of).toList());
  }

  /**
   * One change. {@code transition} is present for every change but the creation, which has {@code
   * creation} instead; the other members appear where the kind of change has them.
   */
  @Schema(name = "HistoryEntry")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Entry(
      long seq,
      @Schema(
              allowableValues = {
                "CREATED",
                "APPLIED",
                "RELEASED",
                "OBSERVED",
                "HELD",
                "HOLD_REFUSED",
                "HOLD_EXPIRED"
              })
          String change,
      @Schema(example = "study.transition.applied") String eventType,
      @Schema(description = "when radflow recorded the change") Instant at,
      @JsonInclude(JsonInclude.Include.ALWAYS) TransitionView transition,
      CreationView creation,
      @Schema(description = "HELD: the state it waits for; HOLD_EXPIRED: the state that never came")
          StudyView.StateRef awaiting,
      @Schema(description = "HELD: when the hold expires") Instant deadline,
      @Schema(description = "HOLD_REFUSED: why the held event can no longer apply") String reason) {

    /** An entry that has nothing but its transition: applied, released or observed. */
    private static Entry transitionOnly(
        long seq, String kind, String event, Instant at, Transition transition) {
      return new Entry(seq, kind, event, at, TransitionView.of(transition), null, null, null, null);
    }

    static Entry of(HistoryEntry entry) {
      Change change = entry.change();
      long seq = entry.seq();
      String event = change.eventType();
      if (change instanceof Change.Created c) {
        return new Entry(
            seq, "CREATED", event, c.at(), null, CreationView.of(c.study()), null, null, null);
      }
      if (change instanceof Change.Applied a) {
        String kind = a.releasedFromHold() ? "RELEASED" : "APPLIED";
        return transitionOnly(seq, kind, event, a.at(), a.transition());
      }
      if (change instanceof Change.Observed o) {
        return transitionOnly(seq, "OBSERVED", event, o.at(), o.transition());
      }
      if (change instanceof Change.Held h) {
        return new Entry(
            seq,
            "HELD",
            event,
            h.at(),
            TransitionView.of(h.held().transition()),
            null,
            StudyView.StateRef.of(h.held().awaiting()),
            h.held().deadline(),
            null);
      }
      if (change instanceof Change.HoldRefused r) {
        return new Entry(
            seq,
            "HOLD_REFUSED",
            event,
            r.at(),
            TransitionView.of(r.transition()),
            null,
            null,
            null,
            r.reason());
      }
      Change.HoldExpired e = (Change.HoldExpired) change;
      return new Entry(
          seq,
          "HOLD_EXPIRED",
          event,
          e.at(),
          TransitionView.of(e.transition()),
          null,
          StudyView.StateRef.of(e.awaited()),
          null,
          null);
    }
  }

  @Schema(name = "TransitionRecord")
  public record TransitionView(
      TransitionType type,
      String idempotencyKey,
      Instant businessTime,
      Instant recordTime,
      SourceJson source,
      String actor,
      Map<String, String> data,
      List<ReferenceJson> references) {

    static TransitionView of(Transition t) {
      return new TransitionView(
          t.type(),
          t.idempotencyKey(),
          t.businessTime(),
          t.recordTime(),
          SourceJson.of(t.source()),
          t.actor(),
          new TreeMap<>(t.data()),
          ReferenceJson.of(t.references()));
    }
  }

  /** How the study was opened. */
  @Schema(name = "CreationRecord")
  public record CreationView(
      PatientJson patient,
      EntryKind entryKind,
      ImagingState joinedAt,
      Instant businessTime,
      Instant recordTime,
      SourceJson source,
      String actor,
      Map<String, String> attributes,
      List<ReferenceJson> references) {

    static CreationView of(NewStudy s) {
      return new CreationView(
          PatientJson.of(s.patient()),
          s.entryKind(),
          s.joinedAt(),
          s.businessTime(),
          s.recordTime(),
          SourceJson.of(s.source()),
          s.actor(),
          new TreeMap<>(s.attributes()),
          ReferenceJson.of(s.references()));
    }
  }
}
