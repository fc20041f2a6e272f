package org.radflow.config;

import java.time.Duration;

/**
 * The national services' settings ({@code radflow.national.*}, e.g. {@code
 * RADFLOW_NATIONAL_IHIMAXAGE}).
 *
 * @param ihiMaxAge how old an IHI validation may be when a report is published (default 24 hours);
 *     an older one is looked up again first
 * @param payloadRetention how long a national step's retained request is kept after the step
 *     succeeded (default 7 days), for audit and support
 * @param purgeInterval how often retained requests past their retention are purged
 * @param organisationId the HPI-O of the organisation that authors the documents
 * @param organisationName its name, as the documents carry it
 */
public record NationalProperties(
    Duration ihiMaxAge,
    Duration payloadRetention,
    Duration purgeInterval,
    String organisationId,
    String organisationName) {

  public NationalProperties {
    ihiMaxAge = ihiMaxAge == null ? Duration.ofHours(24) : ihiMaxAge;
    payloadRetention = payloadRetention == null ? Duration.ofDays(7) : payloadRetention;
    purgeInterval = purgeInterval == null ? Duration.ofMinutes(10) : purgeInterval;
    organisationId =
        organisationId == null || organisationId.isBlank() ? "8003620000000000" : organisationId;
    organisationName =
        organisationName == null || organisationName.isBlank()
            ? "radflow radiology"
            : organisationName;
  }
}
