package org.radflow.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SignatureTest {

  static final String SECRET = "whsec-0123456789abcdef";
  static final Instant T = Instant.parse("2026-03-01T09:00:00Z");
  static final String BODY = "{\"type\":\"study.created\",\"note\":\"é\"}";
  static final Duration TOLERANCE = Signature.DEFAULT_TOLERANCE;

  @Test
  void theHeaderIsTheTimestampAndTheHexHmacOfTimestampDotBody() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected =
        HexFormat.of()
            .formatHex(
                mac.doFinal((T.getEpochSecond() + "." + BODY).getBytes(StandardCharsets.UTF_8)));

    assertThat(Signature.sign(SECRET, T, BODY))
        .isEqualTo("t=" + T.getEpochSecond() + ",v1=" + expected);
  }

  @Test
  void verifyAcceptsItsOwnSignatureWithinTheTolerance() {
    String header = Signature.sign(SECRET, T, BODY);

    assertThat(Signature.verify(SECRET, header, BODY, T, TOLERANCE)).isTrue();
    assertThat(Signature.verify(SECRET, header, BODY, T.plus(TOLERANCE), TOLERANCE)).isTrue();
    assertThat(Signature.verify(SECRET, header, BODY, T.minus(TOLERANCE), TOLERANCE)).isTrue();
  }

  @Test
  void verifyRejectsOldOrFutureTimestampsOtherBodiesOtherSecretsAndGarbage() {
    String header = Signature.sign(SECRET, T, BODY);
    Instant late = T.plus(TOLERANCE).plusSeconds(1);

    assertThat(Signature.verify(SECRET, header, BODY, late, TOLERANCE)).isFalse();
    assertThat(
            Signature.verify(SECRET, header, BODY, T.minus(TOLERANCE).minusSeconds(1), TOLERANCE))
        .isFalse();
    assertThat(Signature.verify(SECRET, header, BODY + " ", T, TOLERANCE)).isFalse();
    assertThat(Signature.verify("another-secret-of-16", header, BODY, T, TOLERANCE)).isFalse();
    String moved = header.replace("t=" + T.getEpochSecond(), "t=" + late.getEpochSecond());
    assertThat(Signature.verify(SECRET, moved, BODY, late, TOLERANCE)).as("t is signed").isFalse();
    assertThat(Signature.verify(SECRET, null, BODY, T, TOLERANCE)).isFalse();
    assertThat(Signature.verify(SECRET, "t=abc,v1=zz", BODY, T, TOLERANCE)).isFalse();
    assertThat(Signature.verify(SECRET, "v1=00", BODY, T, TOLERANCE)).isFalse();
  }
}
