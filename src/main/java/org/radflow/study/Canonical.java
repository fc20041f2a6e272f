package org.radflow.study;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * An unambiguous text of a command's content, for its fingerprint. Every field is written with its
 * length, so no value can imitate a field boundary ({@code {"a":"1\nb=2"}} and {@code
 * {"a":"1","b":"2"}} stay different), and absent is distinct from empty.
 */
final class Canonical {

  private final StringBuilder text = new StringBuilder();

  Canonical field(Object value) {
    if (value == null) {
      text.append("-;");
    } else {
      String s = value.toString();
      text.append(s.length()).append(':').append(s).append(';');
    }
    return this;
  }

  Canonical map(Map<String, String> values) {
    field(values.size());
    new TreeMap<>(values).forEach((k, v) -> field(k).field(v));
    return this;
  }

  Canonical references(java.util.List<Reference> references) {
    java.util.List<Reference> content =
        references.stream().filter(r -> !r.isOutsideFingerprint()).toList();
    field(content.size());
    for (Reference r : content) {
      field(r.kind()).field(r.uri()).field(r.contentHash());
    }
    return this;
  }

  String sha256() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(digest.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-256", e);
    }
  }
}
