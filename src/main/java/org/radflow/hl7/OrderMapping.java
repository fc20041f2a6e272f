package org.radflow.hl7;

import static org.radflow.hl7.Segments.text;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.v251.message.OMI_O23;
import ca.uhn.hl7v2.model.v251.message.ORM_O01;
import ca.uhn.hl7v2.model.v251.segment.IPC;
import ca.uhn.hl7v2.model.v251.segment.OBR;
import ca.uhn.hl7v2.model.v251.segment.OBX;
import ca.uhn.hl7v2.model.v251.segment.ORC;
import ca.uhn.hl7v2.model.v251.segment.PID;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.radflow.lifecycle.StudyDraft;
import org.radflow.study.BusinessKey;
import org.radflow.study.EntryKind;
import org.radflow.study.ImagingState;
import org.radflow.study.OrderNumber;
import org.radflow.study.PatientRef;
import org.radflow.study.Reference;
import org.radflow.study.TransitionType;

/**
 * ORM^O01 and OMI^O23: one command per order group, by order control (ORC-1) and, for status
 * changes, order status (ORC-5).
 */
final class OrderMapping {

  private OrderMapping() {}

  /**
   * One order group, whichever message structure carried it.
   *
   * @param timingPriority TQ1-9 of the group's first timing (OMI), or {@code null}
   * @param observations the order's OBX segments
   */
  private record Order(ORC orc, OBR obr, IPC ipc, String timingPriority, List<OBX> observations) {}

  static List<Hl7Command> map(ORM_O01 message, Hl7Context context)
      throws HL7Exception, Unprocessable {
    List<Order> orders = new ArrayList<>();
    for (int i = 0; i < message.getORDERReps(); i++) {
      var group = message.getORDER(i);
      var detail = group.getORDER_DETAIL();
      List<OBX> observations = new ArrayList<>();
      for (int j = 0; j < detail.getOBSERVATIONReps(); j++) {
        observations.add(detail.getOBSERVATION(j).getOBX());
      }
      orders.add(new Order(group.getORC(), detail.getOBR(), null, null, observations));
    }
    return map(message.getPATIENT().getPID(), orders, context);
  }

  static List<Hl7Command> map(OMI_O23 message, Hl7Context context)
      throws HL7Exception, Unprocessable {
    List<Order> orders = new ArrayList<>();
    for (int i = 0; i < message.getORDERReps(); i++) {
      var group = message.getORDER(i);
      // radflow's study is the accession; the first requested procedure names it
      IPC ipc = group.getIPCReps() > 0 ? group.getIPC(0) : null;
      String timing =
          group.getTIMINGReps() > 0
              ? group.getTIMING(0).getTQ1().getPriority(0).getIdentifier().getValue()
              : null;
      List<OBX> observations = new ArrayList<>();
      for (int j = 0; j < group.getOBSERVATIONReps(); j++) {
        observations.add(group.getOBSERVATION(j).getOBX());
      }
      orders.add(new Order(group.getORC(), group.getOBR(), ipc, timing, observations));
    }
    return map(message.getPATIENT().getPID(), orders, context);
  }

  private static List<Hl7Command> map(PID pid, List<Order> orders, Hl7Context context)
      throws Unprocessable {
    if (orders.isEmpty()) {
      throw new Unprocessable(Hl7Rejection.MISSING_FIELD, "the message carries no ORC segment");
    }
    List<Hl7Command> commands = new ArrayList<>();
    for (Order order : orders) {
      commands.add(command(pid, order, context));
      Optional<String> withheld = ConsentIndication.withdrawn(order.observations());
      if (withheld.isPresent()) {
        commands.add(withhold(correlation(order, context), withheld.get(), context));
      }
    }
    return commands;
  }

  private static Hl7Command command(PID pid, Order order, Hl7Context context) throws Unprocessable {
    Correlation key = correlation(order, context);
    String control = text(order.orc().getOrderControl().getValue());
    Instant time = Segments.time(order.orc().getDateTimeOfTransaction(), "ORC-9");
    Map<String, String> details = details(order, key);
    if (control == null) {
      throw new Unprocessable(Hl7Rejection.MISSING_FIELD, "ORC-1 (order control) is empty");
    }
    switch (control) {
      case "NW" -> {
        BusinessKey accession = accession(order, context);
        PatientRef patient = Segments.patient(pid);
        return new Hl7Command.Open(
            context.study(
                accession,
                patient,
                EntryKind.SCHEDULED,
                ImagingState.NOT_STARTED,
                time,
                details,
                PatientSearchKeys.with(
                    studyReferences(order), pid, patient, accession, context.blobs())));
      }
      case "CA", "DC", "OC", "OD" -> {
        return cancel(key, time, control, context);
      }
      case "XO" -> {
        return new Hl7Command.Arrive(
            key,
            context.transition(
                TransitionType.ORDER_CHANGED,
                // ORC-9 tells a change back to earlier details (A, B, then A again) from a re-send
                Digest.key("order-changed", key, time == null ? "" : time, Digest.of(details)),
                time,
                details,
                List.of()),
            Optional.empty(),
            context.unknownStudy(key, "the new order (ORC-1 NW)"));
      }
      case "SC" -> {
        return statusChange(pid, order, key, time, context);
      }
      default ->
          throw new Unprocessable(
              Hl7Rejection.UNSUPPORTED_VALUE,
              "ORC-1 order control '"
                  + control
                  + "' is not mapped; radflow maps NW, CA, DC, OC, OD, XO and SC");
    }
  }

  private static Hl7Command statusChange(
      PID pid, Order order, Correlation key, Instant time, Hl7Context context)
      throws Unprocessable {
    String status = text(order.orc().getOrderStatus().getValue());
    if (status == null) {
      throw new Unprocessable(
          Hl7Rejection.MISSING_FIELD, "ORC-1 SC needs the new order status in ORC-5");
    }
    return switch (status) {
      case "SC" -> arrive(key, TransitionType.PROCEDURE_SCHEDULED, "SC", time, null, context);
      case "IP" ->
          arrive(
              key,
              TransitionType.ACQUISITION_STARTED,
              "IP",
              time,
              encounter(pid, order, key, ImagingState.ACQUISITION_IN_PROGRESS, time, context),
              context);
      case "CM" ->
          arrive(
              key,
              TransitionType.ACQUISITION_COMPLETED,
              "CM",
              time,
              encounter(pid, order, key, ImagingState.ACQUISITION_COMPLETE, time, context),
              context);
      case "CA", "DC" -> cancel(key, time, status, context);
      default ->
          throw new Unprocessable(
              Hl7Rejection.UNSUPPORTED_VALUE,
              "ORC-5 order status '"
                  + status
                  + "' is not mapped; radflow maps SC (scheduled), IP (in progress), CM"
                  + " (completed), CA and DC (cancelled)");
    };
  }

  /** Modality work reported before radflow saw the order: the study joins as an encounter. */
  private static StudyDraft encounter(
      PID pid, Order order, Correlation key, ImagingState at, Instant time, Hl7Context context) {
    if (key.accession() == null) {
      return null; // a study opens under its accession; without one it cannot join
    }
    PatientRef patient;
    try {
      patient = Segments.patient(pid);
    } catch (Unprocessable noPatient) {
      return null; // a known study needs no patient; an unknown one is refused with the reason
    }
    return context.study(
        key.accession(),
        patient,
        EntryKind.ENCOUNTER,
        at,
        time,
        details(order, key),
        PatientSearchKeys.with(
            studyReferences(order), pid, patient, key.accession(), context.blobs()));
  }

  private static Hl7Command arrive(
      Correlation key,
      TransitionType type,
      String status,
      Instant time,
      StudyDraft join,
      Hl7Context context) {
    return new Hl7Command.Arrive(
        key,
        context.transition(
            type,
            Digest.key("order-status", key, status),
            time,
            orderNumbers(key, Map.of()),
            List.of()),
        Optional.ofNullable(join),
        context.unknownStudy(key, "the new order (ORC-1 NW) or the patient in PID-3"));
  }

  /** The report is not to go to the national record, as the order's consent indication says. */
  private static Hl7Command withhold(Correlation key, String reason, Hl7Context context) {
    return new Hl7Command.Arrive(
        key,
        context.transition(
            TransitionType.PUBLICATION_WITHHELD,
            Digest.key("withheld", key),
            null,
            orderNumbers(key, Map.of("reason", reason)),
            List.of()),
        Optional.empty(),
        context.unknownStudy(key, "the new order (ORC-1 NW)"));
  }

  private static Hl7Command cancel(
      Correlation key, Instant time, String control, Hl7Context context) {
    return new Hl7Command.Arrive(
        key,
        context.transition(
            TransitionType.STUDY_CANCELLED,
            Digest.key("cancel", key),
            time,
            orderNumbers(key, Map.of("orderControl", control)),
            List.of()),
        Optional.empty(),
        context.unknownStudy(key, "the order (ORC-1 NW)"));
  }

  private static BusinessKey accession(Order order, Hl7Context context) throws Unprocessable {
    if (order.ipc() != null
        && text(order.ipc().getAccessionIdentifier().getEntityIdentifier().getValue()) != null) {
      return Segments.accession(
          order.ipc().getAccessionIdentifier(), "IPC-1", context.settings(), context.header());
    }
    return Segments.accession(
        order.obr().getPlacerField1().getValue(),
        null,
        order.ipc() != null ? "IPC-1 (and OBR-18)" : "OBR-18",
        context.settings(),
        context.header());
  }

  /**
   * How the order names its study: the accession in IPC-1 or OBR-18 when present, and the order
   * numbers in ORC-2/3, else OBR-2/3. A status change or cancellation without an accession finds
   * its study by the numbers; a new order needs its accession.
   */
  private static Correlation correlation(Order order, Hl7Context context) throws Unprocessable {
    Hl7Settings settings = context.settings();
    MessageHeader header = context.header();
    OrderNumber placer =
        Segments.firstNumber(
            Segments.orderNumber(order.orc().getPlacerOrderNumber(), "ORC-2", settings, header),
            Segments.orderNumber(order.obr().getPlacerOrderNumber(), "OBR-2", settings, header));
    OrderNumber filler =
        Segments.firstNumber(
            Segments.orderNumber(order.orc().getFillerOrderNumber(), "ORC-3", settings, header),
            Segments.orderNumber(order.obr().getFillerOrderNumber(), "OBR-3", settings, header));
    boolean accessionSent =
        (order.ipc() != null
                && text(order.ipc().getAccessionIdentifier().getEntityIdentifier().getValue())
                    != null)
            || text(order.obr().getPlacerField1().getValue()) != null;
    if (!accessionSent && (placer != null || filler != null)) {
      return new Correlation(null, placer, filler);
    }
    return new Correlation(accession(order, context), placer, filler);
  }

  /**
   * {@code data} with the order numbers the message carries, so a study lacking them gains them.
   */
  private static Map<String, String> orderNumbers(Correlation key, Map<String, String> data) {
    Map<String, String> all = new LinkedHashMap<>(data);
    OrderNumber.Role.PLACER.put(all, key.placer());
    OrderNumber.Role.FILLER.put(all, key.filler());
    return all;
  }

  /** The order's details that radflow keeps: identifiers and codes, no demographics. */
  static Map<String, String> details(Order order, Correlation key) {
    Map<String, String> details = orderNumbers(key, Map.of());
    Segments.put(
        details,
        "procedureCode",
        order.obr().getUniversalServiceIdentifier().getIdentifier().getValue());
    Segments.put(
        details, "procedure", order.obr().getUniversalServiceIdentifier().getText().getValue());
    Segments.put(details, "modality", order.obr().getDiagnosticServSectID().getValue());
    Segments.put(details, "priority", priority(order));
    if (order.ipc() != null) {
      Segments.put(
          details,
          "studyInstanceUid",
          order.ipc().getStudyInstanceUID().getEntityIdentifier().getValue());
      Segments.put(details, "modality", order.ipc().getModality().getIdentifier().getValue());
      Segments.put(
          details,
          "requestedProcedureId",
          order.ipc().getRequestedProcedureID().getEntityIdentifier().getValue());
    }
    return details;
  }

  /**
   * The order's priority (HL7 table 0485: S stat, A ASAP, R routine, …): TQ1-9 where the sender
   * uses TQ1 (v2.5 on), else ORC-7.6 (quantity/timing, before v2.5), else OBR-5 (kept for backward
   * compatibility, withdrawn since v2.7).
   */
  private static String priority(Order order) {
    String timing = text(order.timingPriority());
    if (timing != null) {
      return timing;
    }
    if (order.orc().getQuantityTimingReps() > 0) {
      String tq = text(order.orc().getQuantityTiming(0).getPriority().getValue());
      if (tq != null) {
        return tq;
      }
    }
    return order.obr().getPriorityOBR().getValue();
  }

  private static List<Reference> studyReferences(Order order) {
    if (order.ipc() == null) {
      return List.of();
    }
    String uid = text(order.ipc().getStudyInstanceUID().getEntityIdentifier().getValue());
    return uid == null
        ? List.of()
        : List.of(new Reference("dicom-study", "dicom:studies/" + uid, null));
  }
}
