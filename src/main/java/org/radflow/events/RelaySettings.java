package org.radflow.events;

import java.time.Duration;

/**
 * How a relay runs.
 *
 * @param owner this relay's name in the slice leases; unique among relays sharing a database
 * @param batch events read and published at a time
 * @param lease how long a slice stays this relay's without renewal
 * @param poll how long the relay waits for a wake-up before looking anyway
 * @param maxAttempts attempts before an event the broker refuses (not merely unreachable) is parked
 */
public record RelaySettings(
    String owner, int batch, Duration lease, Duration poll, int maxAttempts) {

  public static RelaySettings defaults(String owner) {
    return new RelaySettings(owner, 500, Duration.ofSeconds(10), Duration.ofMillis(500), 5);
  }
}
