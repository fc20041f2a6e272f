package org.radflow.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Content that differs never shares a fingerprint, however the values are spelt. */
class CanonicalFingerprintTest {

  private static final Instant T = Instant.parse("2026-03-01T09:00:00Z");

  @Test
  void aValueCannotImitateAFieldBoundary() {
    assertThat(transition(Map.of("a", "1\nb=2"), List.of()).fingerprint())
        .isNotEqualTo(transition(Map.of("a", "1", "b", "2"), List.of()).fingerprint());
    assertThat(transition(Map.of("a=1", ""), List.of()).fingerprint())
        .isNotEqualTo(transition(Map.of("a", "1="), List.of()).fingerprint());
  }

  @Test
  void anAbsentContentHashIsNotTheWordNull() {
    assertThat(
            transition(Map.of(), List.of(new Reference("manifest", "blob://m", null)))
                .fingerprint())
        .isNotEqualTo(
            transition(Map.of(), List.of(new Reference("manifest", "blob://m", "null")))
                .fingerprint());
  }

  @Test
  void referencesCannotImitateEachOther() {
    assertThat(transition(Map.of(), List.of(new Reference("a", "b|c", null))).fingerprint())
        .isNotEqualTo(transition(Map.of(), List.of(new Reference("a|b", "c", null))).fingerprint());
  }

  private static Transition transition(Map<String, String> data, List<Reference> refs) {
    return new Transition(
        TransitionType.REPORT_PRELIMINARY, "k", T, T, Source.of("ris"), "ris", data, refs);
  }
}
