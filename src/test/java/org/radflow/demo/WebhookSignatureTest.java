package org.radflow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.radflow.webhook.Signature;

/** The demo's own check, written from the docs, against the signer radflow really uses. */
class WebhookSignatureTest {

  private static final String SECRET = "demo-0123456789abcdef";
  private static final String BODY = "{\"studyId\":\"s\",\"note\":\"é\"}";
  private static final Instant NOW = Instant.parse("2026-12-05T06:00:00Z");

  @Test
  void acceptsWhatRadflowSigns() {
    assertThat(verify(Signature.sign(SECRET, NOW, BODY), BODY, NOW)).isTrue();
    assertThat(verify(Signature.sign(SECRET, NOW, BODY) + ",v2=abcd", BODY, NOW)).isTrue();
  }

  @Test
  void refusesAnotherSecretAnotherBodyOrAMissingHeader() {
    assertThat(verify(Signature.sign("another-secret-entirely", NOW, BODY), BODY, NOW)).isFalse();
    assertThat(verify(Signature.sign(SECRET, NOW, BODY), BODY + " ", NOW)).isFalse();
    assertThat(verify(null, BODY, NOW)).isFalse();
  }

  @Test
  void refusesATimestampOutsideTheTolerance() {
    Instant signedAt = NOW.minus(WebhookSignature.TOLERANCE).minus(Duration.ofSeconds(1));
    assertThat(verify(Signature.sign(SECRET, signedAt, BODY), BODY, NOW)).isFalse();
    Instant ahead = NOW.plus(WebhookSignature.TOLERANCE).plus(Duration.ofSeconds(1));
    assertThat(verify(Signature.sign(SECRET, ahead, BODY), BODY, NOW)).isFalse();
  }

  @Test
  void refusesMalformedHeaders() {
    assertThat(verify("t=abc,v1=00", BODY, NOW)).isFalse();
    assertThat(verify("t=" + NOW.getEpochSecond() + ",v1=zz", BODY, NOW)).isFalse();
    assertThat(verify("t=" + NOW.getEpochSecond(), BODY, NOW)).isFalse();
    assertThat(verify("garbage", BODY, NOW)).isFalse();
  }

  private static boolean verify(String header, String body, Instant now) {
    return WebhookSignature.verify(SECRET, header, body.getBytes(StandardCharsets.UTF_8), now);
  }
}
