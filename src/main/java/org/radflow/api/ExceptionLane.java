package org.radflow.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.radflow.lifecycle.Page;
import org.radflow.lifecycle.StudyQuery;
import org.radflow.lifecycle.StudyReads;
import org.radflow.orchestration.StepRecord;
import org.radflow.orchestration.StepStore;
import org.radflow.study.EndToEndStatus;
import org.radflow.study.OpenException;
import org.radflow.study.Study;
import org.radflow.workflow.Service;
import org.radflow.workflow.StepRules;

/**
 * The exception lane as a query: every open exception of every study in exception, oldest first,
 * with the actions that apply to it now.
 */
public final class ExceptionLane {

  /** How many studies in exception one listing looks at. */
  static final int SCAN_LIMIT = 2_000;

  private final StudyReads studies;
  private final StepStore steps;

  public ExceptionLane(StudyReads studies, StepStore steps) {
    this.studies = studies;
    this.steps = steps;
  }

  public record Filter(OpenException.Kind kind, Service service, Duration olderThan, int limit) {}

  public List<ExceptionItem> list(Filter filter, Instant now) {
    List<ExceptionItem> items = new ArrayList<>();
    for (Study study : studiesInException()) {
      items.addAll(itemsOf(study, filter, now));
    }
    return items.stream()
        .sorted(Comparator.comparing(ExceptionItem::openedAt))
        .limit(filter.limit())
        .toList();
  }

  /** How many exceptions are open, and since when the oldest: read from the studies alone. */
  public record Summary(long open, long studies, Instant oldest) {}

  public Summary summary() {
    long open = 0;
    List<Study> inException = studiesInException();
    Instant oldest = null;
    for (Study study : inException) {
      for (OpenException e : study.exceptions()) {
        open++;
        if (oldest == null || e.openedAt().isBefore(oldest)) {
          oldest = e.openedAt();
        }
      }
    }
    return new Summary(open, inException.size(), oldest);
  }

  /** The studies in the exception lane, at most {@link #SCAN_LIMIT}. */
  private List<Study> studiesInException() {
    List<Study> studiesInException = new ArrayList<>();
    int offset = 0;
    while (offset < SCAN_LIMIT) {
      Page<Study> page =
          studies.search(
              new StudyQuery(
                  null,
                  null,
                  EndToEndStatus.Kind.IN_EXCEPTION,
                  null,
                  offset,
                  StudyQuery.MAX_LIMIT));
      studiesInException.addAll(page.items());
      if (page.items().size() < StudyQuery.MAX_LIMIT) {
        break;
      }
      offset += StudyQuery.MAX_LIMIT;
    }
    return studiesInException;
  }

  private List<ExceptionItem> itemsOf(Study study, Filter filter, Instant now) {
    if (study.exceptions().isEmpty()) {
      return List.of();
    }
    List<StepRecord> stepsOfStudy = steps.steps(study.id());
    Map<String, StepRecord> byId =
        stepsOfStudy.stream()
            .collect(Collectors.toMap(s -> s.id().toString(), Function.identity()));
    List<ExceptionItem> items = new ArrayList<>();
    for (OpenException e : study.exceptions()) {
      Optional<StepRecord> step = Optional.ofNullable(e.step()).map(byId::get);
      Service service = step.flatMap(s -> s.kind().service()).orElse(null);
      Duration age = Duration.between(e.openedAt(), now);
      if ((filter.kind() != null && filter.kind() != e.kind())
          || (filter.service() != null && filter.service() != service)
          || (filter.olderThan() != null && age.compareTo(filter.olderThan()) < 0)) {
        continue;
      }
      List<String> actions = new ArrayList<>();
      step.filter(s -> StepRules.redriveRefusal(s.kind(), s.status().name(), study).isEmpty())
          .ifPresent(s -> actions.add("REDRIVE"));
      if (!study.compensationRequested() && !study.isCancelled()) {
        actions.add("COMPENSATE");
      }
      actions.add("RESOLVE");
      items.add(
          new ExceptionItem(
              study.id().toString(),
              study.businessKey().accessionNumber(),
              e.id(),
              e.kind(),
              e.reason(),
              e.openedAt(),
              Math.max(0, age.toSeconds()),
              step.map(s -> s.id().toString()).orElse(e.step()),
              service == null ? null : service.slug(),
              actions));
    }
    return items;
  }

  static UUID stepId(String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new ApiProblem(ProblemType.INVALID_PARAMETER, "'" + text + "' is not a step id")
          .with("step", text);
    }
  }
}
