package org.radflow.workflow;

/** The external systems radflow drives; each has a port, a simulator and a health state. */
public enum Service {
  IDENTITY("identity", "identity service (IHI lookup)"),
  SCHEDULING("scheduling", "scheduling system"),
  WORKLIST("worklist", "modality worklist"),
  IMAGE_ARCHIVE("image-archive", "image archive"),
  NATIONAL_RECORD("national-record", "national health record"),
  BILLING("billing", "billing system");

  private final String slug;
  private final String description;

  Service(String slug, String description) {
    this.slug = slug;
    this.description = description;
  }

  /** The name used in URLs, configuration keys and metrics: {@code national-record}. */
  public String slug() {
    return slug;
  }

  /** The name a person reads. */
  public String description() {
    return description;
  }

  public static Service fromSlug(String slug) {
    for (Service service : values()) {
      // environment variables lose the dash: RADFLOW_…_SERVICES_IMAGEARCHIVE → imagearchive
      String bare = slug == null ? "" : slug.replaceAll("[-_]", "");
      if (service.slug.equals(slug) || service.name().replace("_", "").equalsIgnoreCase(bare)) {
        return service;
      }
    }
    throw new IllegalArgumentException(
        "unknown service '"
            + slug
            + "'; known: identity, scheduling, worklist, image-archive,"
            + " national-record, billing");
  }
}
