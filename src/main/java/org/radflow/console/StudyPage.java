package org.radflow.console;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.radflow.api.HistoryView;
import org.radflow.api.ReferenceJson;
import org.radflow.api.StepView;
import org.radflow.api.StudyView;
import org.radflow.orchestration.ServiceStatus;
import org.radflow.study.EndToEndStatus;
import org.radflow.study.Track;
import org.radflow.workflow.Service;
import org.radflow.workflow.StepStatus;

/**
 * What the study page shows, gathered once: the API's own views of the study, its steps and its
 * history, arranged for reading: the tracks side by side, the status in words, the timeline with
 * each change explained.
 */
record StudyPage(
    StudyView study,
    List<TrackColumn> tracks,
    StatusBanner banner,
    List<ExceptionRow> exceptions,
    List<StepView> steps,
    List<TimelineRow> timeline,
    boolean compensable) {

  /** One track: its state, the facts it reached (observed or attested), and the steps it drives. */
  record TrackColumn(
      String title,
      Track track,
      String state,
      List<StudyView.FactView> facts,
      List<StepView> steps) {

    static TrackColumn of(String title, Track track, String state, StudyPage.Parts parts) {
      return new TrackColumn(
          title,
          track,
          state,
          parts.study().facts().stream().filter(f -> f.track() == track).toList(),
          track == Track.DISTRIBUTION
              ? parts.steps().stream()
                  .filter(s -> Service.NATIONAL_RECORD.slug().equals(s.service()))
                  .toList()
              : List.of());
    }
  }

  /**
   * The derived status, and for a study that waits, is suspended or needs a person: on what, and
   * the step and service behind it.
   *
   * @param service the service waited on, described; null when nothing is awaited
   * @param step the open step calling that service, if one is
   * @param health that service's agreed health, when it is not up
   */
  record StatusBanner(EndToEndStatus status, String service, StepView step, ServiceStatus health) {

    public boolean explained() {
      return switch (status.kind()) {
        case WAITING, SUSPENDED, IN_EXCEPTION -> true;
        default -> false;
      };
    }

    static StatusBanner of(EndToEndStatus status, List<StepView> steps, List<ServiceStatus> all) {
      Optional<Service> awaited =
          Arrays.stream(Service.values())
              .filter(s -> s.slug().equals(status.waitingOn()))
              .findFirst();
      if (awaited.isEmpty()) {
        return new StatusBanner(status, null, null, null);
      }
      Service service = awaited.get();
      StepView step =
          steps.stream()
              .filter(s -> service.slug().equals(s.service()) && s.status().isOpen())
              .min(
                  (a, b) ->
                      Boolean.compare(
                          a.status() != StepStatus.SUSPENDED, b.status() != StepStatus.SUSPENDED))
              .orElse(null);
      ServiceStatus health =
          all.stream()
              .filter(s -> s.service() == service && s.state() != ServiceStatus.State.UP)
              .findFirst()
              .orElse(null);
      return new StatusBanner(status, service.description(), step, health);
    }
  }

  /** An open exception with the step it concerns, when it concerns one. */
  record ExceptionRow(StudyView.ExceptionView exception, StepView step) {}

  /**
   * One change of the history, with what it means in words.
   *
   * @param lateJoin the creation of a study that joined late: its earlier facts are attested
   * @param applied whether it moved a track (applied or released), as opposed to an observation, a
   *     hold or a hold's end
   */
  record TimelineRow(
      HistoryView.Entry entry,
      String meaning,
      boolean lateJoin,
      boolean applied,
      List<ReferenceLink> references) {

    static TimelineRow of(HistoryView.Entry entry) {
      HistoryView.CreationView creation = entry.creation();
      boolean lateJoin = creation != null && creation.entryKind().isLateJoin();
      List<ReferenceJson> references =
          creation != null
              ? creation.references()
              : entry.transition() == null ? List.of() : entry.transition().references();
      return new TimelineRow(
          entry,
          meaning(entry, lateJoin),
          lateJoin,
          "APPLIED".equals(entry.change()) || "RELEASED".equals(entry.change()),
          references.stream().map(ReferenceLink::of).toList());
    }

    /** The badge class of its change: observed and attested apart from what moved a track. */
    public String badge() {
      if (lateJoin) {
        return "ATTESTED";
      }
      return switch (entry.change()) {
        case "OBSERVED" -> "OBSERVED";
        case "APPLIED", "RELEASED", "CREATED" -> "ok";
        case "HELD" -> "warn";
        default -> "bad";
      };
    }

    private static String meaning(HistoryView.Entry entry, boolean lateJoin) {
      return switch (entry.change()) {
        case "CREATED" ->
            lateJoin
                ? "joined late as "
                    + entry.creation().entryKind()
                    + " at imaging state "
                    + entry.creation().joinedAt()
                    + ": the facts before it are attested, not observed by radflow"
                : "opened as " + entry.creation().entryKind();
        case "APPLIED" -> "applied: the track moved";
        case "RELEASED" -> "released from hold: its prerequisite arrived, and it applied";
        case "OBSERVED" ->
            "observed: the study already showed this, so it is recorded as seen, moving no track";
        case "HELD" ->
            "held: it came early; it waits for "
                + entry.awaiting().track()
                + " "
                + entry.awaiting().state()
                + " until the deadline, then goes to the exception lane";
        case "HOLD_REFUSED" ->
            "taken off hold into the exception lane: it can no longer apply ("
                + entry.reason()
                + ")";
        case "HOLD_EXPIRED" ->
            "hold expired: "
                + entry.awaiting().track()
                + " "
                + entry.awaiting().state()
                + " never came; the study went to the exception lane";
        default -> entry.change();
      };
    }
  }

  /**
   * A reference as the page shows it: an http(s) URI is a link; anything else (a blob, a message
   * store, an s3 key) is its reference text, never fetched, so no content is shown.
   */
  record ReferenceLink(String kind, String text, String href, String contentHash) {

    static ReferenceLink of(ReferenceJson reference) {
      String uri = reference.uri();
      String lower = uri == null ? "" : uri.toLowerCase(Locale.ROOT);
      boolean web = lower.startsWith("https://") || lower.startsWith("http://");
      return new ReferenceLink(reference.kind(), uri, web ? uri : null, reference.contentHash());
    }
  }

  /** The views the page is built from. */
  record Parts(
      StudyView study,
      EndToEndStatus status,
      List<StepView> steps,
      List<HistoryView.Entry> history,
      List<ServiceStatus> services) {}

  static StudyPage of(Parts parts) {
    StudyView study = parts.study();
    List<TrackColumn> tracks =
        List.of(
            TrackColumn.of("Clinical", Track.CLINICAL, name(study.tracks().clinical()), parts),
            TrackColumn.of("Imaging", Track.IMAGING, name(study.tracks().imaging()), parts),
            TrackColumn.of(
                "Administrative",
                Track.ADMINISTRATIVE,
                name(study.tracks().administrative()),
                parts),
            TrackColumn.of(
                "Distribution", Track.DISTRIBUTION, name(study.tracks().distribution()), parts));
    List<ExceptionRow> exceptions =
        study.exceptions().stream()
            .map(
                e ->
                    new ExceptionRow(
                        e,
                        parts.steps().stream()
                            .filter(s -> s.id().equals(e.step()))
                            .findFirst()
                            .orElse(null)))
            .toList();
    boolean compensated = parts.steps().stream().anyMatch(s -> s.compensates() != null);
    boolean cancelled = study.tracks().clinical().name().equals("CANCELLED");
    return new StudyPage(
        study,
        tracks,
        StatusBanner.of(parts.status(), parts.steps(), parts.services()),
        exceptions,
        parts.steps(),
        parts.history().stream().map(TimelineRow::of).toList(),
        !compensated && !cancelled);
  }

  private static String name(Enum<?> state) {
    return state == null ? "" : state.name();
  }
}
