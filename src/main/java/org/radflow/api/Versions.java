package org.radflow.api;

/**
 * A study's version as an HTTP entity tag. The version counts the study's history entries, so it
 * changes with every change and is a strong validator.
 */
final class Versions {

  private Versions() {}

  static String etag(long version) {
    return "\"" + version + "\"";
  }

  /**
   * The version a transition expects, from the body's {@code expectedVersion} or an {@code
   * If-Match} header; {@code null} to not check. Both given and different is a client mistake.
   */
  static Long expected(Long bodyVersion, String ifMatch) {
    Long headerVersion = parseIfMatch(ifMatch);
    if (headerVersion != null && bodyVersion != null && !headerVersion.equals(bodyVersion)) {
      throw new ApiProblem(
              ProblemType.INVALID_PARAMETER,
              "If-Match names version "
                  + headerVersion
                  + " but expectedVersion is "
                  + bodyVersion
                  + "; send one of them")
          .with("parameter", "If-Match");
    }
    return headerVersion != null ? headerVersion : bodyVersion;
  }

  static Long parseIfMatch(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
      return null;
    }
    String tag = ifMatch.trim();
    if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
      tag = tag.substring(1, tag.length() - 1);
    }
    try {
      return Long.parseLong(tag);
    } catch (NumberFormatException e) {
      throw new ApiProblem(
              ProblemType.INVALID_PARAMETER,
              "If-Match must carry one study version as the ETag of GET /api/v1/studies/{id}"
                  + " returns it, e.g. If-Match: \"7\"; was "
                  + ifMatch)
          .with("parameter", "If-Match");
    }
  }
}
