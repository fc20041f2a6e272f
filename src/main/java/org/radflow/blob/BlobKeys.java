package org.radflow.blob;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyring of encrypted blobs: every key that may have encrypted a stored blob, each with an id,
 * and the one active key that encrypts new blobs. Rotating is making a new key active while the old
 * ones stay for reading; a key is dropped only once no blob needs it.
 *
 * <p>Written as {@code id:base64,id:base64} ({@code RADFLOW_BLOB_KEYS}), each key 32 random bytes
 * (AES-256), e.g. {@code k2:$(openssl rand -base64 32)}.
 */
public final class BlobKeys {

  /** Ids go into every blob's header: short, and printable in an error message. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private static final int KEY_BYTES = 32;

  private final String activeId;
  private final Map<String, SecretKey> keys;

  public BlobKeys(String activeId, Map<String, byte[]> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("blob keys: none given");
    }
    Map<String, SecretKey> checked = new LinkedHashMap<>();
    keys.forEach(
        (id, key) -> {
          if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                "blob key id '" + id + "' must be 1 to 64 of A-Z a-z 0-9 . _ -");
          }
          if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException(
                "blob key '" + id + "' has " + key.length + " bytes; AES-256 needs 32");
          }
          checked.put(id, new SecretKeySpec(key, "AES"));
        });
    if (!checked.containsKey(activeId)) {
      throw new IllegalArgumentException(
          "the active blob key '" + activeId + "' is not among the keys " + checked.keySet());
    }
    this.activeId = activeId;
    this.keys = Map.copyOf(checked);
  }

  /**
   * Parses {@code id:base64,id:base64}. With one key, it is the active one unless {@code activeId}
   * says otherwise; with several, {@code activeId} must name one.
   */
  public static BlobKeys parse(String spec, String activeId) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    for (String entry : spec.split(",")) {
      String trimmed = entry.strip();
      int colon = trimmed.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(
            "blob keys are written id:base64,id:base64; an entry has no ':' (not shown here:"
                + " it may be a key)");
      }
      String id = trimmed.substring(0, colon);
      if (keys.containsKey(id)) {
        throw new IllegalArgumentException("blob key id '" + id + "' is given twice");
      }
      try {
        keys.put(id, Base64.getDecoder().decode(trimmed.substring(colon + 1)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("blob key '" + id + "' is not valid base64", e);
      }
    }
    boolean noActive = activeId == null || activeId.isBlank();
    if (noActive && keys.size() > 1) {
      throw new IllegalArgumentException(
          "several blob keys "
              + keys.keySet()
              + ": say which encrypts new blobs with"
              + " RADFLOW_BLOB_ACTIVE_KEY");
    }
    return new BlobKeys(noActive ? keys.keySet().iterator().next() : activeId.strip(), keys);
  }

  public String activeId() {
    return activeId;
  }

  SecretKey active() {
    return keys.get(activeId);
  }

  Optional<SecretKey> key(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  /** The ids only: this ends up in logs. */
  @Override
  public String toString() {
    return "BlobKeys[active " + activeId + " of " + keys.keySet().stream().sorted().toList() + "]";
  }
}
