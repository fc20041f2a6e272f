package org.radflow.hl7;

import static org.radflow.hl7.Segments.text;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.v251.group.ORU_R01_ORDER_OBSERVATION;
import ca.uhn.hl7v2.model.v251.message.ORU_R01;
import ca.uhn.hl7v2.model.v251.segment.OBR;
import ca.uhn.hl7v2.model.v251.segment.OBX;
import ca.uhn.hl7v2.model.v251.segment.ORC;
import ca.uhn.hl7v2.model.v251.segment.PID;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.radflow.blob.BlobRef;
import org.radflow.lifecycle.StudyDraft;
import org.radflow.study.EntryKind;
import org.radflow.study.ImagingState;
import org.radflow.study.OrderNumber;
import org.radflow.study.PatientRef;
import org.radflow.study.Reference;
import org.radflow.study.TransitionType;

/**
 * ORU^R01: each order observation is a report for the accession in OBR-18, with its result status
 * in OBR-25 (P preliminary, F final, C corrected). The report body (the OBX segments) is stored as
 * its own blob, so the same report re-sent is the same reference and the same transition.
 */
final class ResultMapping {

  private ResultMapping() {}

  static List<Hl7Command> map(ORU_R01 message, Hl7Context context)
      throws HL7Exception, Unprocessable {
    List<Hl7Command> commands = new ArrayList<>();
    for (int p = 0; p < message.getPATIENT_RESULTReps(); p++) {
      var result = message.getPATIENT_RESULT(p);
      PID pid = result.getPATIENT().getPID();
      for (int o = 0; o < result.getORDER_OBSERVATIONReps(); o++) {
        commands.add(command(pid, result.getORDER_OBSERVATION(o), context));
      }
    }
    if (commands.isEmpty()) {
      throw new Unprocessable(Hl7Rejection.MISSING_FIELD, "the message carries no OBR segment");
    }
    return commands;
  }

  private static Hl7Command command(PID pid, ORU_R01_ORDER_OBSERVATION group, Hl7Context context)
      throws HL7Exception, Unprocessable {
    OBR obr = group.getOBR();
    Correlation key = correlation(group, context);
    String status = text(obr.getResultStatus().getValue());
    Instant reported =
        Segments.firstTime(
            Segments.time(obr.getResultsRptStatusChngDateTime(), "OBR-22"),
            Segments.time(obr.getObservationDateTime(), "OBR-7"));
    List<Reference> report = report(group, context);
    String body = report.isEmpty() ? "empty" : report.get(0).contentHash();
    report = withSearchKeys(report, pid, key, context);
    Map<String, String> data = new LinkedHashMap<>();
    Segments.put(data, "resultStatus", status);
    // a study that lacks the order's numbers gains them from the report that carries them
    OrderNumber.Role.PLACER.put(data, key.placer());
    OrderNumber.Role.FILLER.put(data, key.filler());
    Segments.put(
        data, "procedureCode", obr.getUniversalServiceIdentifier().getIdentifier().getValue());
    // OBR-32 principal result interpreter: who reported, as the national record's document names
    var interpreter = obr.getPrincipalResultInterpreter().getNDLName();
    Segments.put(data, "reportAuthor", interpreter.getIDNumber().getValue());
    Segments.put(data, "reportAuthorName", authorName(interpreter));
    // an IHI the PID names: radflow checks it against the one it validated before publishing
    PatientSearchKeys.statedIhi(pid).ifPresent(ihi -> data.put("statedIhi", ihi));
    if (status == null) {
      throw new Unprocessable(
          Hl7Rejection.MISSING_FIELD, "OBR-25 (result status) is empty; send P, F or C");
    }
    return switch (status) {
      case "P" ->
          arrive(
              key,
              TransitionType.REPORT_PRELIMINARY,
              "P:" + Digest.of(body),
              reported,
              data,
              report,
              join(pid, key, ImagingState.REPORT_PRELIMINARY, reported, data, report, context),
              context);
      case "F" ->
          arrive(
              key,
              TransitionType.REPORT_FINALISED,
              "F",
              reported,
              data,
              report,
              join(pid, key, ImagingState.REPORT_FINALISED, reported, data, report, context),
              context);
      case "C" ->
          // a correction for a study radflow never saw joins at its final report, then amends it
          arrive(
              key,
              TransitionType.REPORT_AMENDED,
              "C:" + Digest.of(body),
              reported,
              data,
              report,
              join(pid, key, ImagingState.REPORT_FINALISED, reported, Map.of(), List.of(), context),
              context);
      default ->
          throw new Unprocessable(
              Hl7Rejection.UNSUPPORTED_VALUE,
              "OBR-25 result status '"
                  + status
                  + "' is not mapped; radflow maps P (preliminary), F (final) and C (corrected)");
    };
  }

  /**
   * The report's study: the accession in OBR-18, and the order numbers in OBR-2/3, else ORC-2/3. A
   * report without an accession finds its study by the numbers, and cannot join late.
   */
  private static Correlation correlation(ORU_R01_ORDER_OBSERVATION group, Hl7Context context)
      throws Unprocessable {
    OBR obr = group.getOBR();
    ORC orc = group.getORC();
    Hl7Settings settings = context.settings();
    MessageHeader header = context.header();
    OrderNumber placer =
        Segments.firstNumber(
            Segments.orderNumber(obr.getPlacerOrderNumber(), "OBR-2", settings, header),
            Segments.orderNumber(orc.getPlacerOrderNumber(), "ORC-2", settings, header));
    OrderNumber filler =
        Segments.firstNumber(
            Segments.orderNumber(obr.getFillerOrderNumber(), "OBR-3", settings, header),
            Segments.orderNumber(orc.getFillerOrderNumber(), "ORC-3", settings, header));
    String accession = obr.getPlacerField1().getValue();
    if (text(accession) == null && (placer != null || filler != null)) {
      return new Correlation(null, placer, filler);
    }
    return new Correlation(
        Segments.accession(accession, null, "OBR-18", settings, header), placer, filler);
  }

  private static Hl7Command arrive(
      Correlation key,
      TransitionType type,
      String which,
      Instant reported,
      Map<String, String> data,
      List<Reference> report,
      StudyDraft join,
      Hl7Context context) {
    return new Hl7Command.Arrive(
        key,
        context.transition(type, Digest.key("report", key, which), reported, data, report),
        Optional.ofNullable(join),
        context.unknownStudy(key, "the patient in PID-3"));
  }

  /**
   * A report for a study radflow never saw was written while radflow was not told: it joins as a
   * downtime recovery, keeping the report's own time.
   */
  private static StudyDraft join(
      PID pid,
      Correlation key,
      ImagingState at,
      Instant reported,
      Map<String, String> data,
      List<Reference> report,
      Hl7Context context) {
    if (key.accession() == null) {
      return null; // a study opens under its accession; without one it cannot join
    }
    PatientRef patient;
    try {
      patient = Segments.patient(pid);
    } catch (Unprocessable noPatient) {
      return null;
    }
    // the join keeps the report it joined with, so a different one under its key is told apart
    return context.study(
        key.accession(),
        patient,
        EntryKind.DOWNTIME_RECOVERY,
        at,
        reported,
        data,
        PatientSearchKeys.with(report, pid, patient, key.accession(), context.blobs()));
  }

  /** The report's references and the PID's search keys, when the study has its accession. */
  private static List<Reference> withSearchKeys(
      List<Reference> report, PID pid, Correlation key, Hl7Context context) {
    if (key.accession() == null) {
      return report;
    }
    try {
      return PatientSearchKeys.with(
          report, pid, Segments.patient(pid), key.accession(), context.blobs());
    } catch (Unprocessable noPatient) {
      return report;
    }
  }

  private static String authorName(ca.uhn.hl7v2.model.v251.datatype.CNN interpreter) {
    String family = Segments.text(interpreter.getFamilyName().getValue());
    String given = Segments.text(interpreter.getGivenName().getValue());
    if (family == null) {
      return null;
    }
    return given == null ? family : given + " " + family;
  }

  /** The report body as a blob: the OBX segments, or a pointer an OBX of type RP names. */
  private static List<Reference> report(ORU_R01_ORDER_OBSERVATION group, Hl7Context context)
      throws HL7Exception {
    StringBuilder body = new StringBuilder();
    List<Reference> references = new ArrayList<>();
    for (int i = 0; i < group.getOBSERVATIONReps(); i++) {
      OBX obx = group.getOBSERVATION(i).getOBX();
      if ("RP".equals(obx.getValueType().getValue()) && obx.getObservationValueReps() > 0) {
        String pointer = Segments.encode(obx.getObservationValue(0).getData());
        if (pointer != null) {
          String uri = pointer.split("\\^")[0];
          references.add(new Reference("report-document", uri, null));
        }
      }
      body.append(obx.encode()).append('\r');
    }
    if (body.length() == 0) {
      return references;
    }
    BlobRef ref = context.blobs().put(body.toString().getBytes(StandardCharsets.UTF_8));
    references.add(0, new Reference("report", ref.uri().toString(), ref.contentHash()));
    return references;
  }
}
