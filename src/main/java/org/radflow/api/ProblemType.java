package org.radflow.api;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * Every kind of problem the API answers with. The type URI is what clients dispatch on; the title
 * is the same for every occurrence of the type, the detail says what happened this time.
 */
enum ProblemType {
  STUDY_NOT_FOUND(HttpStatus.NOT_FOUND, "Study not found"),
  NO_SUCH_RESOURCE(HttpStatus.NOT_FOUND, "No such resource"),
  STEP_NOT_FOUND(HttpStatus.NOT_FOUND, "Step not found"),
  ACTION_REFUSED(HttpStatus.UNPROCESSABLE_CONTENT, "Operator action refused"),
  ORCHESTRATION_OFF(HttpStatus.SERVICE_UNAVAILABLE, "Orchestration not running on this node"),
  ILLEGAL_TRANSITION(HttpStatus.UNPROCESSABLE_CONTENT, "Transition not allowed"),
  OBLIGATION_UNMET(HttpStatus.UNPROCESSABLE_CONTENT, "Obligation not met"),
  INVALID_COMMAND(HttpStatus.UNPROCESSABLE_CONTENT, "Command contradicts the study"),
  IDEMPOTENCY_CONFLICT(HttpStatus.CONFLICT, "Idempotency key reused with different content"),
  OBSERVATION_CONFLICT(HttpStatus.CONFLICT, "Observation contradicts the study"),
  VERSION_MISMATCH(HttpStatus.PRECONDITION_FAILED, "Study version mismatch"),
  PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Payload too large"),
  MALFORMED_JSON(HttpStatus.BAD_REQUEST, "Malformed JSON"),
  UNKNOWN_VALUE(HttpStatus.BAD_REQUEST, "Unknown value"),
  INVALID_FIELD(HttpStatus.BAD_REQUEST, "Invalid field"),
  INVALID_PARAMETER(HttpStatus.BAD_REQUEST, "Invalid parameter"),
  INVALID_STUDY_ID(HttpStatus.BAD_REQUEST, "Invalid study id"),
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
  NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
  UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
  BAD_REQUEST(HttpStatus.BAD_REQUEST, "Bad request"),
  STORE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable"),
  STORE_BUSY(HttpStatus.SERVICE_UNAVAILABLE, "Database busy"),
  BROKER_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Event broker unavailable"),
  DEAD_LETTER_NOT_FOUND(HttpStatus.NOT_FOUND, "Dead letter not found"),
  DEAD_LETTER_NOT_OPEN(HttpStatus.CONFLICT, "Dead letter not open"),
  DEAD_LETTER_BUSY(HttpStatus.CONFLICT, "Dead letter being reprocessed"),
  REPROCESS_REJECTED(HttpStatus.UNPROCESSABLE_CONTENT, "Message still cannot be processed"),
  REPROCESS_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Message cannot be processed now"),
  NO_REPROCESSOR(HttpStatus.NOT_IMPLEMENTED, "No reprocessor for the channel"),
  BLOB_STORE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Blob store unavailable"),
  RAW_MESSAGE_UNREADABLE(HttpStatus.INTERNAL_SERVER_ERROR, "Raw message unreadable"),
  UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Authentication required"),
  FORBIDDEN(HttpStatus.FORBIDDEN, "Not allowed for your roles"),
  TOO_MANY_FAILURES(HttpStatus.TOO_MANY_REQUESTS, "Too many failed authentications"),
  INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

  static final String BASE = "https://radflow.org/problems/";

  private final HttpStatus status;
  private final String title;

  ProblemType(HttpStatus status, String title) {
    this.status = status;
    this.title = title;
  }

  HttpStatus status() {
    return status;
  }

  String title() {
    return title;
  }

  /** The last segment of the type URI, e.g. {@code study-not-found}. */
  String slug() {
    return name().toLowerCase().replace('_', '-');
  }

  URI uri() {
    return URI.create(BASE + slug());
  }

  /** The type Spring's own exceptions of this status map to, for those it raises itself. */
  static ProblemType forStatus(int status) {
    return switch (status) {
      case 404 -> NO_SUCH_RESOURCE;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 503 -> STORE_UNAVAILABLE;
      default -> status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
    };
  }
}
