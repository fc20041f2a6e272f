package org.radflow.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.radflow.study.StudyId;

class DueDeliveryTest {

  @Test
  void itsTextLeavesOutTheSecretThePayloadAndTheUrlsCredentials() {
    DueDelivery delivery =
        new DueDelivery(
            7,
            UUID.randomUUID(),
            "https://hook-user:hook-token@receiver.example:8443/events?key=query-token",
            null,
            UUID.randomUUID(),
            StudyId.random(),
            3,
            "study.transitioned",
            "{\"patient\":\"ZEBEDEE\"}",
            false,
            1);

    assertThat(delivery.toString())
        .contains("https://receiver.example:8443/events?…")
        .doesNotContain("hook-token")
        .doesNotContain("hook-user")
        .doesNotContain("query-token")
        .doesNotContain("ZEBEDEE");
  }

  @Test
  void aUrlItCannotReadIsNotShownAtAll() {
    assertThat(DueDelivery.withoutCredentials("not a url with secret-token"))
        .isEqualTo("(a URL radflow cannot read)");
    assertThat(DueDelivery.withoutCredentials("http://127.0.0.1:9000/hook"))
        .isEqualTo("http://127.0.0.1:9000/hook");
  }
}
