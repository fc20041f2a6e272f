package org.radflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radflow.study.EndToEndStatus;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The sampler samples at start and on its interval, with the settings the docs name. */
class StatusSamplerTest {

  static final Instant NOW = Instant.parse("2026-03-01T10:15:42Z");

  @TempDir Path dir;

  @Test
  void itSamplesAsSoonAsItStartsAndKeepsOneSampleAMinute() {
    try (Stores stores = sqlite()) {
      StatusSampler sampler =
          new StatusSampler(
              stores.studies(),
              new ConsoleSamplingProperties(Duration.ofMillis(20), null),
              Clock.fixed(NOW, ZoneOffset.UTC));
      sampler.start();
      try {
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> !stores.studies().statusSamples(Instant.EPOCH).isEmpty());
      } finally {
        sampler.stop();
      }
      assertThat(sampler.isRunning()).isFalse();
      sampler.runOnce();
      assertThat(stores.studies().statusSamples(Instant.EPOCH))
          .singleElement()
          .satisfies(
              sample -> {
                assertThat(sample.sampledAt()).isEqualTo(Instant.parse("2026-03-01T10:15:00Z"));
                assertThat(sample.studies())
                    .hasSize(EndToEndStatus.Kind.values().length)
                    .containsEntry(EndToEndStatus.Kind.ACTIVE, 0L);
              });
    }
  }

  @Test
  void itsSettingsDefaultToAMinuteAndTwoDaysAndAreReadFromRadflowConsole() {
    ConsoleSamplingProperties defaults = bind(Map.of());
    assertThat(defaults.sampleInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(defaults.sampleRetention()).isEqualTo(Duration.ofHours(48));

    ConsoleSamplingProperties set =
        bind(
            Map.of(
                "radflow.console.sample-interval", "30s",
                "radflow.console.sample-retention", "6h"));
    assertThat(set.sampleInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(set.sampleRetention()).isEqualTo(Duration.ofHours(6));
    ConsoleSamplingProperties fromEnvironment =
        fromEnvironment(
            Map.of(
                "RADFLOW_CONSOLE_SAMPLE_INTERVAL", "2m",
                "RADFLOW_CONSOLE_SAMPLE_RETENTION", "12h"));
    assertThat(fromEnvironment.sampleInterval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(fromEnvironment.sampleRetention()).isEqualTo(Duration.ofHours(12));
    assertThatThrownBy(() -> new ConsoleSamplingProperties(Duration.ZERO, null))
        .hasMessageContaining("sample-interval");
  }

  private static ConsoleSamplingProperties bind(Map<String, String> settings) {
    return new Binder(new MapConfigurationPropertySource(settings))
        .bindOrCreate("radflow.console", ConsoleSamplingProperties.class);
  }

  private static ConsoleSamplingProperties fromEnvironment(Map<String, Object> variables) {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME + "-test", variables));
    return new Binder(ConfigurationPropertySources.get(environment))
        .bindOrCreate("radflow.console", ConsoleSamplingProperties.class);
  }

  private Stores sqlite() {
    return Stores.open(
        "jdbc:sqlite:" + dir.resolve("radflow.db"),
        null,
        null,
        2,
        new StoreSettings(1024, Duration.ofHours(4)));
  }
}
