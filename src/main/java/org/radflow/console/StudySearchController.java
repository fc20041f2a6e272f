package org.radflow.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.radflow.api.Allowed;
import org.radflow.api.AuditedReads;
import org.radflow.api.StudySearch;
import org.radflow.api.StudySummary;
import org.radflow.lifecycle.StudyQuery;
import org.radflow.lifecycle.StudyReads;
import org.radflow.study.EndToEndStatus;
import org.radflow.study.Track;
import org.radflow.workflow.Service;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Study search: the API's criteria, checked by the API's own {@link StudySearch} so both refuse the
 * same things; a refusal is said above the form, which keeps what was typed. Fifty a page.
 */
@Controller
class StudySearchController {

  static final int PAGE_SIZE = 50;

  private final StudyReads studies;
  private final AuditedReads reads;
  private final Clock clock;

  StudySearchController(StudyReads studies, AuditedReads reads, Clock clock) {
    this.studies = studies;
    this.reads = reads;
    this.clock = clock;
  }

  /** A track's states, as one group of the track-state select. */
  record TrackOptions(Track track, List<String> states) {}

  /** What was asked, as typed, so the form and the pager links keep it. */
  record Criteria(
      String accession,
      String patientAuthority,
      String patientId,
      String status,
      String trackState,
      String placerOrder,
      String fillerOrder,
      String service,
      Long olderThanHours) {

    Map<String, String> asParameters() {
      Map<String, String> parameters = new LinkedHashMap<>();
      parameters.put("accession", accession);
      parameters.put("patientAuthority", patientAuthority);
      parameters.put("patientId", patientId);
      parameters.put("status", status);
      parameters.put("trackState", trackState);
      parameters.put("placerOrder", placerOrder);
      parameters.put("fillerOrder", fillerOrder);
      parameters.put("service", service);
      parameters.put("olderThanHours", olderThanHours == null ? null : olderThanHours.toString());
      parameters.values().removeIf(v -> v == null || v.isBlank());
      return parameters;
    }
  }

  @Allowed.Viewer
  @GetMapping("/console/studies")
  String search(
      @RequestParam(required = false) String accession,
      @RequestParam(required = false) String patientAuthority,
      @RequestParam(required = false) String patientId,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String trackState,
      @RequestParam(required = false) String placerOrder,
      @RequestParam(required = false) String fillerOrder,
      @RequestParam(required = false) String service,
      @RequestParam(required = false) Long olderThanHours,
      @RequestParam(defaultValue = "0") int offset,
      Principal caller,
      Model model) {
    Criteria criteria =
        new Criteria(
            accession,
            patientAuthority,
            patientId,
            status,
            trackState,
            placerOrder,
            fillerOrder,
            service,
            olderThanHours);
    model.addAttribute("services", Arrays.asList(Service.values()));
    model.addAttribute("criteria", criteria);
    model.addAttribute("statuses", Arrays.asList(EndToEndStatus.Kind.values()));
    model.addAttribute(
        "trackOptions",
        Arrays.stream(Track.values())
            .map(t -> new TrackOptions(t, StudySearch.stateNames(t)))
            .toList());
    try {
      StudyQuery query = query(criteria, offset, clock.instant());
      if (patientId != null && !patientId.isBlank()) {
        // who looked for which patient's studies is patient data, audited as the API does
        reads.record(
            caller,
            "search-by-patient",
            "patient " + patientAuthority + "/" + patientId,
            "searched studies by patient in the console");
      }
      StudySummary.PageView page = StudySummary.PageView.of(studies.search(query));
      model.addAttribute("page", page);
      model.addAttribute("previous", pageLink(criteria, page.offset() - PAGE_SIZE, page));
      model.addAttribute("next", pageLink(criteria, page.offset() + PAGE_SIZE, page));
    } catch (ErrorResponseException refused) {
      model.addAttribute("refusal", refused.getBody().getDetail());
    }
    return "console/studies";
  }

  private static StudyQuery query(Criteria criteria, int offset, Instant now) {
    String trackState = criteria.trackState();
    String track = null;
    String state = null;
    if (trackState != null && !trackState.isBlank()) {
      int colon = trackState.indexOf(':');
      track = colon < 0 ? trackState : trackState.substring(0, colon);
      state = colon < 0 ? null : trackState.substring(colon + 1);
    }
    return StudySearch.query(
        criteria.accession(),
        criteria.patientAuthority(),
        criteria.patientId(),
        StudySearch.status(criteria.status()),
        StudySearch.track(track),
        state,
        new StudySearch.MoreCriteria(
            criteria.placerOrder(),
            null,
            criteria.fillerOrder(),
            null,
            criteria.service(),
            criteria.olderThanHours() == null
                ? null
                // a century at most, as the API's own bound, so the arithmetic cannot overflow
                : Math.min(Math.max(0, criteria.olderThanHours()), 876_600L) * 3600L),
        now,
        offset,
        PAGE_SIZE);
  }

  /** The link to the page at {@code offset} with the same criteria, or null past either end. */
  private static String pageLink(Criteria criteria, int offset, StudySummary.PageView page) {
    if (offset < 0 || offset >= page.total() || offset == page.offset()) {
      return null;
    }
    StringBuilder link = new StringBuilder("/console/studies?");
    criteria
        .asParameters()
        .forEach(
            (name, value) ->
                link.append(name)
                    .append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8))
                    .append('&'));
    return link.append("offset=").append(offset).toString();
  }
}
