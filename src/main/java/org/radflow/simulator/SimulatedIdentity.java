package org.radflow.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.radflow.workflow.Service;

/**
 * The identity service. {@code POST /patients/lookup {"authority", "patientId"}} answers the
 * patient's IHI, or 422 {@code IDENTITY_NOT_FOUND} for a patient on the unknown list.
 *
 * <p>The IHI is derived from a hash of authority and id, so the same patient always gets the same
 * number and tests can predict it: {@code 8003608} (the IHI prefix), eight digits, and a Luhn check
 * digit, like a real one.
 */
public final class SimulatedIdentity extends SimulatedSystem {

  private final Set<String> unknownPatients = ConcurrentHashMap.newKeySet();

  @Override
  Service service() {
    return Service.IDENTITY;
  }

  @Override
  List<Route> routes() {
    return List.of(Route.query("POST", "/patients/lookup", this::lookup));
  }

  /** From now on the service has no IHI for {@code patientId}. */
  public void unknownPatient(String patientId) {
    unknownPatients.add(patientId);
  }

  /** Replaces the set of patients the service has no IHI for. */
  public void unknownPatients(Collection<String> patientIds) {
    unknownPatients.clear();
    unknownPatients.addAll(patientIds);
  }

  /** The IHI this service answers for the patient. */
  public static String ihi(String authority, String patientId) {
    String body =
        "8003608" + String.format("%08d", hash(authority + "|" + patientId) % 100_000_000L);
    return body + luhnCheckDigit(body);
  }

  private Answer lookup(Call call) {
    String authority = call.text("authority");
    String patientId = call.text("patientId");
    if (unknownPatients.contains(patientId)) {
      return Answer.refused(422, "IDENTITY_NOT_FOUND", "no IHI for patient " + patientId);
    }
    String ihi = ihi(authority, patientId);
    return Answer.done(ihi, Map.of("ihi", ihi));
  }

  private static long hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      long value = 0;
      for (int i = 0; i < 8; i++) {
        value = (value << 8) | (digest[i] & 0xff);
      }
      return value & Long.MAX_VALUE;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static int luhnCheckDigit(String digits) {
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int digit = digits.charAt(digits.length() - 1 - i) - '0';
      if (i % 2 == 0) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
    }
    return (10 - sum % 10) % 10;
  }
}
