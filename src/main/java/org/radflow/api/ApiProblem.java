package org.radflow.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An error answer on its way out: a problem document of one {@link ProblemType} with a detail a
 * person can act on and the extension members that let a program act on it too. Controllers throw
 * it; Spring renders it as {@code application/problem+json} through {@link ApiExceptionHandler}.
 */
final class ApiProblem extends ErrorResponseException {

  /** The model names the field first: "patient.id must be present", "actor must not be blank". */
  private static final Pattern LEADING_FIELD =
      Pattern.compile("^([a-z][A-Za-z0-9.]*) (?:must|needs)\\b");

  /** Or last: "PATIENT_MERGED needs data.survivingId". */
  private static final Pattern NEEDED_FIELD = Pattern.compile("^[A-Z_]+ needs ([a-z][\\w.]*)$");

  private final ProblemType type;

  ApiProblem(ProblemType type, String detail) {
    this(type, detail, null);
  }

  ApiProblem(ProblemType type, String detail, Throwable cause) {
    super(type.status(), ProblemDetail.forStatusAndDetail(type.status(), detail), cause);
    this.type = type;
    getBody().setType(type.uri());
    getBody().setTitle(type.title());
  }

  ProblemType type() {
    return type;
  }

  /** Adds an extension member to the problem document. */
  ApiProblem with(String name, Object value) {
    getBody().setProperty(name, value);
    return this;
  }

  ApiProblem header(String name, String value) {
    getHeaders().set(name, value);
    return this;
  }

  /**
   * A 400 for a value the model's records refused. Their messages name the field; when the field
   * can be read off the message it is also given as the {@code field} member.
   */
  static ApiProblem invalidField(String modelMessage) {
    ApiProblem problem = new ApiProblem(ProblemType.INVALID_FIELD, modelMessage);
    String field = fieldOf(modelMessage);
    return field == null ? problem : problem.with("field", field);
  }

  static String fieldOf(String message) {
    if (message == null) {
      return null;
    }
    Matcher leading = LEADING_FIELD.matcher(message);
    if (leading.find()) {
      return leading.group(1);
    }
    Matcher needed = NEEDED_FIELD.matcher(message);
    return needed.find() ? needed.group(1) : null;
  }

  static ApiProblem retryLater(ProblemType type, String detail, int seconds) {
    return new ApiProblem(type, detail)
        .with("retryAfterSeconds", seconds)
        .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
  }
}
