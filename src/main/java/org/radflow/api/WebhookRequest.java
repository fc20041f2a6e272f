package org.radflow.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.radflow.webhook.EventTypes;

/** A new webhook subscription. */
public record WebhookRequest(
    @Schema(
            description =
                "where events are POSTed: https to a public address (plain http and private"
                    + " networks only as settings allow)",
            example = "https://ris.example/hook")
        String url,
    @Schema(
            description =
                "at least 16 characters; signs every request (X-Radflow-Signature) and is never"
                    + " returned, only a hint of it")
        String secret,
    @Schema(
            description = "the event types to receive, or [\"*\"] for all",
            example = "[\"study.created\", \"study.transition.applied\"]")
        List<String> eventTypes) {

  static final int MIN_SECRET_LENGTH = 16;

  /** Far above any real secret; the column is unbounded text, the request is not. */
  static final int MAX_SECRET_LENGTH = 256;

  /** More than there are event types, so every real list fits. */
  static final int MAX_EVENT_TYPES = 64;

  public WebhookRequest {
    Fields.name(url, "url", Fields.URI_LENGTH);
    Fields.name(secret, "secret", MAX_SECRET_LENGTH);
    if (eventTypes != null) {
      if (eventTypes.size() > MAX_EVENT_TYPES) {
        throw invalid("eventTypes", "eventTypes must name at most " + MAX_EVENT_TYPES + " types");
      }
      for (int i = 0; i < eventTypes.size(); i++) {
        String at = "eventTypes[" + i + "]";
        if (eventTypes.get(i) == null) {
          throw invalid(at, at + " must be an event type, not null");
        }
        Fields.name(eventTypes.get(i), at, Fields.IDENTIFIER);
      }
    }
  }

  /** The checked request, or a 400 naming the offending field. */
  WebhookRequest checked() {
    if (url == null || !isHttp(url)) {
      throw invalid("url", "url must be an absolute http or https URL with a host");
    }
    if (secret == null || secret.length() < MIN_SECRET_LENGTH || secret.isBlank()) {
      throw invalid("secret", "secret must be at least " + MIN_SECRET_LENGTH + " characters");
    }
    if (eventTypes == null || eventTypes.isEmpty()) {
      throw invalid("eventTypes", "eventTypes must name at least one event type, or \"*\"");
    }
    for (String type : eventTypes) {
      if (!EventTypes.isKnown(type)) {
        throw invalid(
                "eventTypes",
                "eventTypes must be \"*\" or among " + EventTypes.KNOWN + "; '" + type + "' is not")
            .with("known", EventTypes.KNOWN);
      }
    }
    return this;
  }

  private static boolean isHttp(String url) {
    try {
      URI uri = new URI(url);
      return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null
          && uri.getUserInfo() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static ApiProblem invalid(String field, String detail) {
    return new ApiProblem(ProblemType.INVALID_FIELD, detail).with("field", field);
  }

  @Override
  public String toString() {
    return "WebhookRequest[url=" + url + ", eventTypes=" + eventTypes + "]";
  }
}
