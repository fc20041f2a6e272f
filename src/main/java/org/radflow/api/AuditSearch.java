package org.radflow.api;

import java.time.Instant;
import org.radflow.audit.AuditQuery;

/**
 * Audit filters as they arrive in a query string, turned into an {@link AuditQuery}. The API and
 * the console's audit page both build their query here, so both refuse the same things: an actor or
 * action no column could hold, an instant outside the years any record has, a study id that is
 * none, a window that ends before it starts.
 */
public final class AuditSearch {

  private AuditSearch() {}

  /**
   * The query for these filters, each optional (null or blank leaves it out).
   *
   * @throws org.springframework.web.ErrorResponseException a 400 problem naming the parameter
   */
  public static AuditQuery query(
      String study, String actor, String action, Instant from, Instant to, Long before, int limit) {
    Fields.parameter(actor, "actor", Fields.NAME);
    Fields.parameter(action, "action", Fields.IDENTIFIER);
    Fields.timeParameter(from, "from");
    Fields.timeParameter(to, "to");
    Fields.range(limit, "limit", 1, AuditQuery.MAX_LIMIT);
    try {
      return new AuditQuery(
          blankToNull(study) == null ? null : Problems.studyId(study.strip()),
          blankToNull(actor),
          blankToNull(action),
          from,
          to,
          before,
          limit);
    } catch (IllegalArgumentException e) {
      // the limit is checked above, so what the record refuses is the window
      throw new ApiProblem(ProblemType.INVALID_PARAMETER, e.getMessage()).with("parameter", "from");
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
