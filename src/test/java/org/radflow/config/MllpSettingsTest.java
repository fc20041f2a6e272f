package org.radflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.radflow.hl7.Hl7Settings;
import org.radflow.hl7.MessageBounds;
import org.radflow.hl7.MllpTransport;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The RADFLOW_MLLP_* environment variables the docs name are the ones the listener reads. */
class MllpSettingsTest {

  static Hl7Settings fromEnvironment(Map<String, Object> variables) {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME + "-test", variables));
    MllpProperties properties =
        new Binder(ConfigurationPropertySources.get(environment))
            .bindOrCreate("radflow.mllp", MllpProperties.class);
    return Hl7Configuration.settings(properties);
  }

  @Test
  void withoutSettingsTheHardenedDefaultsApply() {
    Hl7Settings settings = fromEnvironment(Map.of());
    assertThat(settings.bounds()).isEqualTo(MessageBounds.DEFAULT);
    assertThat(settings.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.parseBudgetBytes()).isEqualTo(256L * 1024 * 1024);
    assertThat(settings.transport()).isEqualTo(MllpTransport.PLAIN);
    assertThat(settings.allowedSenders().blocks()).isEmpty();
  }

  @Test
  void eachDocumentedVariableIsRead() throws Exception {
    Hl7Settings settings =
        fromEnvironment(
            Map.of(
                "RADFLOW_MLLP_MAX_SEGMENTS", "10",
                "RADFLOW_MLLP_MAX_FIELDS", "11",
                "RADFLOW_MLLP_MAX_REPETITIONS", "12",
                "RADFLOW_MLLP_MAX_COMPONENTS", "13",
                "RADFLOW_MLLP_MAX_FIELD_LENGTH", "14",
                "RADFLOW_MLLP_MAX_VALUES", "15",
                "RADFLOW_MLLP_PARSE_BUDGET_BYTES", "1048576",
                "RADFLOW_MLLP_IDLE_TIMEOUT", "90s",
                "RADFLOW_MLLP_ALLOWED_SENDERS", "10.20.0.0/16, 192.0.2.7"));
    assertThat(settings.bounds()).isEqualTo(new MessageBounds(10, 11, 12, 13, 14, 15));
    assertThat(settings.parseBudgetBytes()).isEqualTo(1048576);
    assertThat(settings.idleTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(settings.allowedSenders().allows(InetAddress.getByName("10.20.3.4"))).isTrue();
    assertThat(settings.allowedSenders().allows(InetAddress.getByName("192.0.2.7"))).isTrue();
    assertThat(settings.allowedSenders().allows(InetAddress.getByName("192.0.2.8"))).isFalse();
  }

  @Test
  void aWrongSettingIsRefusedAtStartUpNamingIt() {
    assertThatThrownBy(
            () -> fromEnvironment(Map.of("RADFLOW_MLLP_ALLOWED_SENDERS", "ris.example.org")))
        .hasMessageContaining("RADFLOW_MLLP_ALLOWED_SENDERS");
    assertThatThrownBy(
            () ->
                fromEnvironment(
                    Map.of(
                        "RADFLOW_MLLP_TLS_KEYSTORE", "/nonexistent/mllp.p12",
                        "RADFLOW_MLLP_TLS_CLIENT_AUTH", "sometimes")))
        .hasMessageContaining("RADFLOW_MLLP_TLS_CLIENT_AUTH must be none, want or need");
    assertThatThrownBy(() -> fromEnvironment(Map.of("RADFLOW_MLLP_MAX_REPETITIONS", "0")))
        .hasMessageContaining("RADFLOW_MLLP_MAX_REPETITIONS");
  }
}
