package org.radflow.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.radflow.study.IhiNumberStatus;
import org.radflow.study.IhiRecordStatus;
import org.radflow.workflow.IhiRules;
import org.radflow.workflow.Service;

/**
 * The HI Service. {@code POST /patients/lookup} searches for the IHI of the local record in {@code
 * subject} by IHI number, Medicare card and IRN, DVA file number and demographics (see {@code
 * org.radflow.national.IdentitySearch} for the wire form), and answers {@code {"ihi",
 * "numberStatus", "recordStatus", "resolvedTo"?}}; 422 {@code IHI_NOT_FOUND} when nothing matches,
 * 400 {@code INVALID_SEARCH} naming the key when the search is malformed.
 *
 * <p>Tests register patients with their statuses, identifiers and demographics ({@link #register}).
 * A search by identifier matches the registered patient holding it whose demographics match (or who
 * has none on file); a search by demographics alone matches on them. When no registered patient
 * matches, a search for a local record nobody registered is answered as for a patient the service
 * simply knows: a derived IHI (or the IHI searched by), ACTIVE and VERIFIED; a search for a
 * registered record, or by an identifier a registered patient holds, finds nothing.
 *
 * <p>A search by {@code subject} alone does not exist in the real HI Service. The simulator offers
 * it so studies created without demographics (through the HTTP API, in tests, in benchmarks) still
 * validate: it answers the subject's registered patient, or the derived IHI.
 *
 * <p>The derived IHI comes from a hash of authority and id, so the same patient always gets the
 * same number and tests can predict it: {@code 8003608} (the IHI prefix), eight digits, and a Luhn
 * check digit, like a real one.
 *
 * <p>Every IHI answered is remembered with its statuses, so My Health Record can check an upload's
 * IHI again ({@link #refusalForUpload}).
 */
public final class SimulatedIdentity extends SimulatedSystem {

  private final Set<String> unknownPatients = new HashSet<>();
  private final Map<String, RegisteredPatient> registered = new LinkedHashMap<>();
  private final Map<String, RegisteredPatient> answered = new HashMap<>();

  @Override
  Service service() {
    return Service.IDENTITY;
  }

  @Override
  List<Route> routes() {
    return List.of(Route.query("POST", "/patients/lookup", this::lookup));
  }

  /** From now on the service finds no IHI for {@code patientId}, however it is searched. */
  public synchronized void unknownPatient(String patientId) {
    unknownPatients.add(patientId);
  }

  /** Replaces the set of patients the service finds no IHI for. */
  public synchronized void unknownPatients(Collection<String> patientIds) {
    unknownPatients.clear();
    unknownPatients.addAll(patientIds);
  }

  /**
   * Registers {@code patients}, each replacing whatever was registered for its local record. A
   * RESOLVED patient whose {@code resolvedTo} no registered patient holds brings an ACTIVE,
   * VERIFIED record for that IHI with the same demographics, so the follow-up search finds it.
   */
  public synchronized void register(Collection<RegisteredPatient> patients) {
    for (RegisteredPatient patient : patients) {
      registered.put(key(patient.authority(), patient.patientId()), patient);
    }
  }

  public synchronized List<RegisteredPatient> registered() {
    return List.copyOf(registered.values());
  }

  /**
   * Why My Health Record must refuse an upload for {@code ihi}, or empty when it may take it: the
   * IHI is known to this service, its number ACTIVE or DECEASED and its record VERIFIED.
   */
  public synchronized Optional<String> refusalForUpload(String ihi) {
    RegisteredPatient known =
        candidates().stream()
            .filter(patient -> patient.ihi().equals(ihi))
            .findFirst()
            .orElse(answered.get(ihi));
    if (known == null) {
      return Optional.of("IHI " + ihi + " is not known to the HI Service");
    }
    if (known.numberStatus() != IhiNumberStatus.ACTIVE
        && known.numberStatus() != IhiNumberStatus.DECEASED) {
      return Optional.of("IHI " + ihi + " is " + known.numberStatus());
    }
    if (known.recordStatus() != IhiRecordStatus.VERIFIED) {
      return Optional.of("IHI " + ihi + " record is " + known.recordStatus());
    }
    return Optional.empty();
  }

  /** The IHI this service derives for a patient nobody registered. */
  public static String ihi(String authority, String patientId) {
    String body =
        "8003608" + String.format("%08d", hash(authority + "|" + patientId) % 100_000_000L);
    return body + IhiRules.luhnCheckDigit(body);
  }

  private synchronized Answer lookup(Call call) {
    IhiSearch search;
    try {
      search = IhiSearch.from(call.body());
    } catch (IllegalArgumentException e) {
      return Answer.refused(400, "INVALID_SEARCH", e.getMessage());
    }
    if (unknownPatients.contains(search.patientId())) {
      return notFound(search);
    }
    List<RegisteredPatient> candidates = candidates();
    Optional<RegisteredPatient> match =
        candidates.stream()
            .filter(search::matches)
            // The subject's own record first, where a search fits more than one.
            .sorted((a, b) -> Boolean.compare(isSubject(b, search), isSubject(a, search)))
            .findFirst();
    if (match.isPresent()) {
      return found(match.get());
    }
    boolean subjectRegistered = registered.containsKey(key(search.authority(), search.patientId()));
    boolean identifierHeld =
        search.byIdentifier() && candidates.stream().anyMatch(search::identifiersHeldBy);
    if (subjectRegistered || identifierHeld) {
      return notFound(search);
    }
    String ihi = search.ihi() != null ? search.ihi() : ihi(search.authority(), search.patientId());
    return found(RegisteredPatient.known(search.authority(), search.patientId(), ihi));
  }

  /** Every record a search may find: the registered ones, then the survivors of resolved ones. */
  private List<RegisteredPatient> candidates() {
    List<RegisteredPatient> candidates = new ArrayList<>(registered.values());
    Set<String> held = new HashSet<>();
    registered.values().forEach(patient -> held.add(patient.ihi()));
    for (RegisteredPatient patient : registered.values()) {
      if (patient.numberStatus() == IhiNumberStatus.RESOLVED && held.add(patient.resolvedTo())) {
        candidates.add(patient.survivor());
      }
    }
    return candidates;
  }

  private Answer found(RegisteredPatient patient) {
    answered.put(patient.ihi(), patient);
    Map<String, String> data = new LinkedHashMap<>();
    data.put("ihi", patient.ihi());
    data.put("numberStatus", patient.numberStatus().name());
    data.put("recordStatus", patient.recordStatus().name());
    if (patient.resolvedTo() != null) {
      data.put("resolvedTo", patient.resolvedTo());
    }
    return Answer.done(patient.ihi(), data);
  }

  private static Answer notFound(IhiSearch search) {
    String forWhom =
        search.bySubjectOnly()
            ? ""
            : " for local record " + search.authority() + "/" + search.patientId();
    return Answer.refused(422, "IHI_NOT_FOUND", "no IHI found " + search.searchedBy() + forWhom);
  }

  private static String key(String authority, String patientId) {
    return authority + "|" + patientId;
  }

  private static boolean isSubject(RegisteredPatient patient, IhiSearch search) {
    return patient.isFor(search.authority(), search.patientId());
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
}
