package org.radflow.lifecycle.jdbc;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.radflow.study.Reference;

/** Measures the inline payload of a command in UTF-8 bytes. */
final class InlineSize {
  private InlineSize() {}

  static int of(Map<String, String> data, List<Reference> references) {
    int bytes = 0;
    for (Map.Entry<String, String> e : data.entrySet()) {
      bytes += utf8(e.getKey()) + utf8(e.getValue());
    }
    for (Reference r : references) {
      bytes +=
          utf8(r.kind()) + utf8(r.uri()) + (r.contentHash() == null ? 0 : utf8(r.contentHash()));
    }
    return bytes;
  }

  private static int utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
