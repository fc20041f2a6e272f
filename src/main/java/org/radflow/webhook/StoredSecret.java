package org.radflow.webhook;

/**
 * A subscription's secret as the store keeps it: sealed by {@link WebhookSecrets} (every
 * subscription made since V10), or plain (one made before, until it is sealed at start-up). Only
 * {@link WebhookSecrets#open} makes a secret of it; {@link #toString()} shows neither form.
 */
public record StoredSecret(String value, boolean sealed) {

  public StoredSecret {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("a stored secret must not be empty");
    }
  }

  @Override
  public String toString() {
    return sealed ? "StoredSecret[sealed]" : "StoredSecret[plain]";
  }
}
