package org.radflow.lifecycle.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link IsoInstant} writes and reads exactly what {@link Instant} itself does. */
class IsoInstantProperties {

  @Property(tries = 1000)
  void writesWhatInstantWritesAndReadsItBack(@ForAll("instants") Instant instant) {
    String text = IsoInstant.format(instant);

    assertThat(text).isEqualTo(instant.toString());
    assertThat(IsoInstant.parse(text)).isEqualTo(instant);
  }

  @Property(tries = 1000)
  void readsAnyTextOfTheStoredShapeAsInstantDoes(@ForAll("nearlyInstants") String text) {
    Instant expected;
    try {
      expected = Instant.parse(text);
    } catch (DateTimeException refused) {
      assertThatThrownBy(() -> IsoInstant.parse(text)).isInstanceOf(DateTimeException.class);
      return;
    }
    assertThat(IsoInstant.parse(text)).isEqualTo(expected);
  }

  @Example
  void theEdgesOfTheShortWayAndBeyond() {
    for (String text :
        new String[] {
          "1970-01-01T00:00:00Z",
          "1969-12-31T23:59:59.999999999Z",
          "9999-12-31T23:59:59.999Z",
          "+10000-01-01T00:00:00Z",
          "2024-02-29T12:00:00.000001Z",
          "2025-03-03T08:00:00.100Z",
          "2025-03-03T08:00:00.5Z",
          "2025-03-03T08:00:00+01:00"
        }) {
      assertThat(IsoInstant.parse(text)).as(text).isEqualTo(Instant.parse(text));
      assertThat(IsoInstant.format(Instant.parse(text))).isEqualTo(Instant.parse(text).toString());
    }
  }

  @Provide
  Arbitrary<Instant> instants() {
    Arbitrary<Long> seconds =
        Arbitraries.oneOf(
            Arbitraries.longs().between(0, 253_402_300_799L),
            Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
            Arbitraries.of(0L, -1L, 253_402_300_799L, 253_402_300_800L, 951_782_400L));
    Arbitrary<Integer> nanos =
        Arbitraries.oneOf(
            Arbitraries.of(0, 1, 999_999_999, 100_000_000, 1_000, 1_000_000),
            Arbitraries.integers().between(0, 999).map(n -> n * 1_000_000),
            Arbitraries.integers().between(0, 999_999).map(n -> n * 1_000),
            Arbitraries.integers().between(0, 999_999_999));
    return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
  }

  /** Stored-looking text, mostly well formed, sometimes an impossible date, time or digit. */
  @Provide
  Arbitrary<String> nearlyInstants() {
    Arbitrary<String> fraction =
        Arbitraries.of("", "", ".", ".1", ".123", ".123456", ".123456789", ".12a", ".0000000");
    return Combinators.combine(
            mostly(1960, 9999, 4, "0123456789+-x"),
            mostly(1, 12, 2, "0123456789"),
            mostly(1, 31, 2, "0123456789"),
            mostly(0, 23, 2, "0123456789"),
            mostly(0, 59, 2, "0123456789"),
            mostly(0, 59, 2, "0123456789:"),
            fraction,
            Arbitraries.of("Z", "Z", "Z", "z", "+00:00"))
        .as(
            (y, mo, d, h, mi, s, f, zone) ->
                y + "-" + mo + "-" + d + "T" + h + ":" + mi + ":" + s + f + zone);
  }

  private static Arbitrary<String> mostly(int min, int max, int width, String chars) {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(
            6,
            Arbitraries.integers()
                .between(min, max)
                .map(n -> String.format("%0" + width + "d", n))),
        net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars(chars).ofLength(width)));
  }
}
