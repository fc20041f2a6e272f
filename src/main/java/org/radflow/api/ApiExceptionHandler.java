package org.radflow.api;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.radflow.config.JsonConfiguration;
import org.radflow.db.StoreException;
import org.radflow.logging.LoggedFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * Turns every exception that reaches Spring MVC into an RFC 9457 problem document. Spring's own
 * exceptions keep their status and gain a radflow type; unreadable JSON is explained down to the
 * field; database faults become 503 with Retry-After when retrying can help; anything else is a 500
 * whose detail gives an incident id to find in the log, never the exception.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  private static final URI ABOUT_BLANK = URI.create("about:blank");

  static final int RETRY_UNAVAILABLE_SECONDS = 5;
  static final int RETRY_BUSY_SECONDS = 1;

  @ExceptionHandler(StoreException.class)
  ResponseEntity<Object> store(StoreException e, WebRequest request) {
    return switch (e.kind()) {
      case UNAVAILABLE ->
          retryLater(
              e,
              ProblemType.STORE_UNAVAILABLE,
              "the database is unavailable and the command may or may not have been committed",
              RETRY_UNAVAILABLE_SECONDS,
              request);
      case CONTENDED ->
          retryLater(
              e,
              ProblemType.STORE_BUSY,
              "the study is busy with other commands and nothing was committed",
              RETRY_BUSY_SECONDS,
              request);
      case FAILED -> unexpected(e, request);
    };
  }

  /**
   * A fault that passes. Sending the same command again with its idempotency key is always safe: if
   * the first attempt did commit, the re-send is answered as a duplicate.
   */
  private ResponseEntity<Object> retryLater(
      StoreException e, ProblemType type, String what, int seconds, WebRequest request) {
    log.warn("database {}: {}", e.kind().name().toLowerCase(), e.getMessage());
    return render(
        ApiProblem.retryLater(
            type,
            what
                + "; retry after "
                + seconds
                + (seconds == 1 ? " second" : " seconds")
                + " with the same idempotency key (a command that did commit is answered as a"
                + " re-send)",
            seconds),
        request);
  }

  /**
   * A role that may not call this endpoint, found by method security inside the handler; answered
   * like the filter chain's refusals.
   */
  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<Object> denied(AccessDeniedException e, WebRequest request) {
    return render((ApiProblem) Forbidden.problem(), request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
    String incident = UUID.randomUUID().toString();
    // the message may quote the request (a refused value, a body); the stack says where to look
    log.error(
        "unexpected error, incident {}: {}", incident, LoggedFault.describe(e), LoggedFault.of(e));
    return render(
        new ApiProblem(
                ProblemType.INTERNAL_ERROR,
                "radflow could not complete the request because of an internal error; whether it"
                    + " took effect is not known, so read the study before retrying. Quote"
                    + " incident "
                    + incident
                    + " to find it in the log")
            .with("incident", incident),
        request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return render(unreadable(e), request);
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String name =
        e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
    Class<?> type = e.getRequiredType();
    if (type != null && type.isEnum()) {
      List<String> allowed = enumNames(type);
      return render(
          new ApiProblem(
                  ProblemType.UNKNOWN_VALUE,
                  "'" + e.getValue() + "' is not a valid " + name + "; use one of " + allowed)
              .with("parameter", name)
              .with("allowedValues", allowed),
          request);
    }
    return render(
        new ApiProblem(
                ProblemType.INVALID_PARAMETER,
                name + " must be " + describe(type) + ", was '" + e.getValue() + "'")
            .with("parameter", name),
        request);
  }

  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(
      NoResourceFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return render(
        new ApiProblem(
            ProblemType.NO_SUCH_RESOURCE,
            "nothing here; the API lives under /api/v1 and is described at /api/v1/openapi"),
        request);
  }

  /** Gives Spring's own problems (405, 406, 415 …) a radflow type and title. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ResponseEntity<Object> response =
        super.handleExceptionInternal(e, body, headers, status, request);
    if (response != null
        && response.getBody() instanceof ProblemDetail problem
        && (problem.getType() == null || ABOUT_BLANK.equals(problem.getType()))) {
      ProblemType type = ProblemType.forStatus(status.value());
      problem.setType(type.uri());
      problem.setTitle(type.title());
    }
    return response;
  }

  private ResponseEntity<Object> render(ApiProblem problem, WebRequest request) {
    return handleExceptionInternal(
        problem, problem.getBody(), problem.getHeaders(), problem.getStatusCode(), request);
  }

  // ---- unreadable bodies ---------------------------------------------------------------------

  private static ApiProblem unreadable(HttpMessageNotReadableException e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ApiProblem refused) {
        return refused; // a request record's own check (Fields), thrown while it was built
      }
      if (cause instanceof RequestSizeLimit.BodyTooLarge tooLarge) {
        return new ApiProblem(
                ProblemType.PAYLOAD_TOO_LARGE,
                "the request body is larger than "
                    + tooLarge.limitBytes()
                    + " bytes; commands carry small data and references, never content: put the"
                    + " content in the blob store and pass a reference")
            .with("limitBytes", tooLarge.limitBytes());
      }
    }
    Throwable cause = e.getCause();
    if (cause instanceof PropertyBindingException unknown) {
      String field = path(unknown);
      if (field.equals("actor") || field.endsWith(".actor")) {
        return new ApiProblem(
                ProblemType.INVALID_FIELD,
                "actor is not taken from the body: radflow records who acted from your credentials"
                    + " (the token's name or your sign-in); remove the field")
            .with("field", field);
      }
      List<String> known =
          unknown.getKnownPropertyIds() == null
              ? List.of()
              : unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
      return new ApiProblem(
              ProblemType.INVALID_FIELD,
              "unknown field '" + field + "'; the fields here are " + known)
          .with("field", field)
          .with("allowedValues", known);
    }
    if (cause instanceof InvalidFormatException invalid) {
      String field = path(invalid);
      Class<?> type = invalid.getTargetType();
      if (type != null && type.isEnum()) {
        List<String> allowed = enumNames(type);
        return new ApiProblem(
                ProblemType.UNKNOWN_VALUE,
                "'" + invalid.getValue() + "' is not a valid " + field + "; use one of " + allowed)
            .with("field", field)
            .with("allowedValues", allowed);
      }
      return new ApiProblem(
              ProblemType.INVALID_FIELD,
              field + " must be " + describe(type) + ", was '" + invalid.getValue() + "'")
          .with("field", field);
    }
    if (cause instanceof MismatchedInputException mismatched) {
      String field = path(mismatched);
      if (field.isEmpty()) {
        return new ApiProblem(ProblemType.MALFORMED_JSON, "the request body must be a JSON object");
      }
      return new ApiProblem(
              ProblemType.INVALID_FIELD, field + " must be " + describe(mismatched.getTargetType()))
          .with("field", field);
    }
    if (cause instanceof DatabindException databind) {
      String field = path(databind);
      return new ApiProblem(
              ProblemType.INVALID_FIELD,
              (field.isEmpty() ? "the request body" : field) + " could not be read")
          .with("field", field);
    }
    if (cause instanceof StreamConstraintsException limit) {
      return new ApiProblem(
          ProblemType.MALFORMED_JSON,
          "the request body is beyond what radflow reads (nesting at most "
              + JsonConfiguration.MAX_NESTING_DEPTH
              + " levels, strings at most "
              + JsonConfiguration.MAX_STRING_LENGTH
              + " characters, numbers at most "
              + JsonConfiguration.MAX_NUMBER_LENGTH
              + " digits, at most "
              + JsonConfiguration.MAX_TOKEN_COUNT
              + " tokens): "
              + String.valueOf(limit.getOriginalMessage()).replaceAll(",? from `[^`]*`", ""));
    }
    if (cause instanceof StreamReadException syntax) {
      return new ApiProblem(
          ProblemType.MALFORMED_JSON,
          "the request body is not valid JSON: " + syntax.getOriginalMessage() + at(syntax));
    }
    if (cause == null || cause instanceof JacksonException) {
      return new ApiProblem(
          ProblemType.MALFORMED_JSON,
          "the request body is missing or not JSON; send a JSON object with Content-Type:"
              + " application/json");
    }
    return new ApiProblem(ProblemType.MALFORMED_JSON, "the request body could not be read");
  }

  private static String at(JacksonException e) {
    TokenStreamLocation location = e.getLocation();
    if (location == null || location.getLineNr() < 0) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  /** The JSON path of the failing value, e.g. {@code references[0].kind}. */
  private static String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static List<String> enumNames(Class<?> type) {
    return Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type == java.time.Instant.class) {
      return "an ISO-8601 instant such as 2025-03-01T09:30:00Z";
    }
    if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
      return "a whole number";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (java.util.Map.class.isAssignableFrom(type)) {
      return "an object whose values are strings";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "a JSON object";
  }
}
