package org.radflow.hl7;

import static org.radflow.hl7.Segments.text;

import ca.uhn.hl7v2.model.v251.datatype.CX;
import ca.uhn.hl7v2.model.v251.datatype.XPN;
import ca.uhn.hl7v2.model.v251.segment.PID;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.radflow.blob.BlobRef;
import org.radflow.blob.BlobStore;
import org.radflow.national.IdentitySearch;
import org.radflow.study.BusinessKey;
import org.radflow.study.PatientRef;
import org.radflow.study.Reference;

/**
 * The patient's HI Service search keys, read from PID as Australian senders write them (AS 4700.1
 * and HL7 Australia's guidance), kept as an encrypted blob and never as columns:
 *
 * <ul>
 *   <li>IHI: PID-3 with CX-4 {@code AUSHIC} and CX-5 {@code NI}, e.g. {@code
 *       8003608833357361^^^AUSHIC^NI};
 *   <li>Medicare card number with its IRN: PID-3 with CX-4 {@code AUSHIC} and CX-5 {@code MC}, the
 *       ten-digit card number followed by the one-digit IRN ({@code 29509742021^^^AUSHIC^MC});
 *   <li>DVA file number: PID-3 with CX-4 {@code AUSDVA} and a CX-5 of {@code DVA} or a DVA card
 *       colour ({@code DVG}, {@code DVW}, {@code DVO});
 *   <li>demographics: PID-5 (the first name: family name, first given name), PID-7 (date of birth)
 *       and PID-8 (administrative sex, HL7 table 0001 mapped to the HI Service's M, F, I, U).
 * </ul>
 *
 * The HI Service needs family name, date of birth and sex with every search; without them the
 * message carries no search keys, and the lookup searches by the local record.
 */
final class PatientSearchKeys {

  private PatientSearchKeys() {}

  /**
   * The search for {@code subject}'s IHI the PID allows, stored in {@code blobs}; empty when the
   * PID lacks the demographics every search needs. The same PID for the same order is the same
   * blob, so a re-sent message stores nothing new.
   */
  /** {@code references} and the search keys the PID gives, if any. */
  static java.util.List<Reference> with(
      java.util.List<Reference> references,
      PID pid,
      PatientRef subject,
      BusinessKey accession,
      BlobStore blobs) {
    java.util.List<Reference> all = new java.util.ArrayList<>(references);
    retain(
            pid,
            subject,
            "order/" + accession.assigningAuthority() + "/" + accession.accessionNumber(),
            blobs)
        .ifPresent(all::add);
    return all;
  }

  /**
   * @param about what the search is for (the order, the patient update), which names the request:
   *     the same PID about the same thing is the same blob
   */
  static Optional<Reference> retain(PID pid, PatientRef subject, String about, BlobStore blobs) {
    Optional<IdentitySearch> search = read(pid, subject);
    if (search.isEmpty()) {
      return Optional.empty();
    }
    byte[] unnamed = search.get().toJson();
    UUID requestId =
        UUID.nameUUIDFromBytes(
            ("radflow/ihi-search/" + about + "/" + new String(unnamed, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
    BlobRef ref = blobs.put(search.get().withRequestId(requestId).toJson());
    return Optional.of(
        new Reference(Reference.IDENTITY_SEARCH, ref.uri().toString(), ref.contentHash()));
  }

  /** The IHI PID-3 names ({@code …^^^AUSHIC^NI}), if it names one. */
  static Optional<String> statedIhi(PID pid) {
    return Optional.ofNullable(NationalIds.of(pid).ihi());
  }

  static Optional<IdentitySearch> read(PID pid, PatientRef subject) {
    XPN name = pid.getPatientNameReps() > 0 ? pid.getPatientName(0) : null;
    String family = name == null ? null : text(name.getFamilyName().getSurname().getValue());
    String given = name == null ? null : text(name.getGivenName().getValue());
    LocalDate born = dateOfBirth(pid.getDateTimeOfBirth().getTime().getValue());
    IdentitySearch.Sex sex = sex(text(pid.getAdministrativeSex().getValue()));
    if (family == null || born == null || sex == null) {
      return Optional.empty();
    }
    IdentitySearch search =
        IdentitySearch.forSubject(new UUID(0, 0), subject.assigningAuthority(), subject.id())
            .withDemographics(family, given, born, sex);
    NationalIds ids = NationalIds.of(pid);
    if (ids.ihi() != null) {
      search = search.withIhi(ids.ihi());
    }
    if (ids.medicare() != null) {
      search = search.withMedicare(ids.medicare().substring(0, 10), ids.medicare().substring(10));
    }
    if (ids.dva() != null) {
      search = search.withDva(ids.dva());
    }
    return Optional.of(search);
  }

  /**
   * The national identifiers among PID-3's repetitions (the last of each kind wins).
   *
   * @param medicare the card number followed by its IRN, eleven digits
   */
  private record NationalIds(String ihi, String medicare, String dva) {

    static NationalIds of(PID pid) {
      String ihi = null;
      String medicare = null;
      String dva = null;
      for (CX cx : pid.getPatientIdentifierList()) {
        String id = text(cx.getIDNumber().getValue());
        String authority = text(cx.getAssigningAuthority().getNamespaceID().getValue());
        String type = text(cx.getIdentifierTypeCode().getValue());
        if (id == null || authority == null || type == null) {
          continue;
        }
        String digits = id.replace(" ", "");
        if ("AUSHIC".equals(authority) && "NI".equals(type) && digits.matches("\\d{16}")) {
          ihi = digits;
        } else if ("AUSHIC".equals(authority) && "MC".equals(type) && digits.matches("\\d{11}")) {
          medicare = digits;
        } else if ("AUSDVA".equals(authority) && type.startsWith("DV")) {
          dva = id;
        }
      }
      return new NationalIds(ihi, medicare, dva);
    }
  }

  private static LocalDate dateOfBirth(String value) {
    String digits = text(value);
    if (digits == null || digits.length() < 8) {
      return null;
    }
    try {
      return LocalDate.of(
          Integer.parseInt(digits.substring(0, 4)),
          Integer.parseInt(digits.substring(4, 6)),
          Integer.parseInt(digits.substring(6, 8)));
    } catch (NumberFormatException | java.time.DateTimeException e) {
      return null;
    }
  }

  /** HL7 table 0001 to the HI Service's sex: ambiguous and other are intersex or indeterminate. */
  private static IdentitySearch.Sex sex(String value) {
    if (value == null) {
      return null;
    }
    return switch (value.toUpperCase(Locale.ROOT)) {
      case "M" -> IdentitySearch.Sex.M;
      case "F" -> IdentitySearch.Sex.F;
      case "A", "O" -> IdentitySearch.Sex.I;
      case "U", "N" -> IdentitySearch.Sex.U;
      default -> null;
    };
  }
}
