package org.radflow.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import org.radflow.api.Allowed;
import org.radflow.api.Choices;
import org.radflow.api.DeadLetterSearch;
import org.radflow.api.OperatorActions;
import org.radflow.deadletter.DeadLetter;
import org.radflow.deadletter.DeadLetterPage;
import org.radflow.deadletter.DeadLetterQuery;
import org.radflow.deadletter.DeadLetterStore;
import org.radflow.deadletter.DeadLetters;
import org.radflow.deadletter.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Dead letters: the search the API has, a page of 50 at a time newest first, one letter's metadata
 * with reprocess and discard, and for an auditor its raw message, each read audited.
 */
@Controller
class DeadLetterPages {

  static final int PAGE = 50;

  /** The search as typed, to show it again in its form. */
  record Criteria(
      String status,
      String channel,
      String errorCode,
      String messageType,
      String controlId,
      String accession,
      String q,
      String from,
      String to) {}

  private final DeadLetterStore store;
  private final OperatorActions actions;

  DeadLetterPages(DeadLetterStore store, OperatorActions actions) {
    this.store = store;
    this.actions = actions;
  }

  @Allowed.Viewer
  @GetMapping("/console/dead-letters")
  String search(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String channel,
      @RequestParam(required = false) String errorCode,
      @RequestParam(required = false) String messageType,
      @RequestParam(required = false) String controlId,
      @RequestParam(required = false) String accession,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) Long after,
      HttpServletRequest request,
      Model model) {
    DeadLetterQuery query =
        new DeadLetterSearch(
                Choices.of(DeadLetter.Status.class, "status", status),
                channel,
                Choices.of(ErrorCode.class, "errorCode", errorCode),
                messageType,
                controlId,
                accession,
                q,
                from,
                to,
                PAGE,
                after)
            .query();
    DeadLetterPage page = store.searchDeadLetters(query);
    model.addAttribute(
        "criteria",
        new Criteria(status, channel, errorCode, messageType, controlId, accession, q, from, to));
    model.addAttribute("letters", page.items());
    model.addAttribute("first", after == null ? null : withAfter(self(request), null));
    model.addAttribute(
        "next", page.nextAfterId() == null ? null : withAfter(self(request), page.nextAfterId()));
    model.addAttribute("statuses", DeadLetter.Status.values());
    model.addAttribute("errorCodes", ErrorCode.values());
    return "console/dead-letters";
  }

  @Allowed.Viewer
  @GetMapping("/console/dead-letters/{id}")
  String letter(@PathVariable long id, Model model) {
    model.addAttribute("letter", store.deadLetter(id).orElseThrow(() -> notFound(id)));
    return "console/dead-letter";
  }

  /**
   * The raw message as text, for an auditor, the read audited with the reason before it is shown
   * (by {@link OperatorActions#raw}). Posted, so the reason stays out of URLs and browser history,
   * and never cached.
   */
  @Allowed.Auditor
  @PostMapping("/console/dead-letters/{id}/raw")
  String raw(
      @PathVariable long id,
      @RequestParam(required = false) String reason,
      Principal caller,
      HttpServletResponse response,
      Model model) {
    response.setHeader("Cache-Control", "no-store");
    if (reason == null || reason.isBlank()) {
      // the API lets a program read without one; a person at the console says why
      throw new ErrorResponseException(
          HttpStatus.BAD_REQUEST,
          ProblemDetail.forStatusAndDetail(
              HttpStatus.BAD_REQUEST,
              "say why you read the raw message: the reason is kept in the audit with your name"),
          null);
    }
    DeadLetters.Raw raw = actions.raw(id, caller.getName(), reason);
    model.addAttribute("letter", raw.letter());
    model.addAttribute("text", readable(raw.bytes()));
    model.addAttribute("size", raw.bytes().length);
    return "console/dead-letter-raw";
  }

  @Allowed.Operator
  @PostMapping("/console/dead-letters/{id}/reprocess")
  String reprocess(
      @PathVariable long id, ActionForm form, Principal caller, RedirectAttributes flash) {
    return form.perform(
        flash,
        () ->
            "dead letter "
                + id
                + " reprocessed: "
                + actions.reprocess(id, caller.getName(), form.request()).summary());
  }

  @Allowed.Operator
  @PostMapping("/console/dead-letters/{id}/discard")
  String discard(
      @PathVariable long id, ActionForm form, Principal caller, RedirectAttributes flash) {
    return form.perform(
        flash,
        () -> {
          actions.discard(id, caller.getName(), form.request());
          return "dead letter " + id + " discarded; it is kept, closed, with your reason";
        });
  }

  /**
   * The bytes as a person can read them: decoded as UTF-8 (a byte that is not becomes U+FFFD),
   * HL7's carriage-return segment ends as line ends, and other control characters (MLLP's frame
   * bytes) made visible rather than hidden.
   */
  static String readable(byte[] bytes) {
    String text =
        new String(bytes, StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n');
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              if (c != '\n' && c != '\t' && Character.isISOControl(c)) {
                out.append(String.format("<%02X>", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  private static String self(HttpServletRequest request) {
    String query = request.getQueryString();
    return request.getRequestURI() + (query == null ? "" : "?" + query);
  }

  private static String withAfter(String self, Long after) {
    UriComponentsBuilder link = UriComponentsBuilder.fromUriString(self);
    return after == null
        ? link.replaceQueryParam("after").build().toUriString()
        : link.replaceQueryParam("after", after).build().toUriString();
  }

  private static ErrorResponseException notFound(long id) {
    return new ErrorResponseException(
        HttpStatus.NOT_FOUND,
        ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no dead letter " + id),
        null);
  }
}
