package org.radflow.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.radflow.demo.Delivery.Planned;
import org.radflow.demo.StudyPlan.Kind;
import org.radflow.demo.StudyPlan.Twist;

/**
 * What each study of the day sends, and when: the path of its kind, bent by its twists. Messages
 * that fall in the downtime are held back and delivered in their order once it ends, as an
 * interface engine's queue delivers them.
 */
final class StudyScripts {

  private final Hl7Texts texts;
  private final Instant dayStart;
  private final DayPlan.Window downtime;
  private final String stamp;
  private final Random random;
  private final List<Planned> planned = new ArrayList<>();
  private long sequence;
  private long controlIds;

  StudyScripts(
      Hl7Texts texts, Instant dayStart, DayPlan.Window downtime, String stamp, Random random) {
    this.texts = texts;
    this.dayStart = dayStart;
    this.downtime = downtime;
    this.stamp = stamp;
    this.random = random;
  }

  List<Planned> deliveries(List<StudyPlan> studies, DayPlan.Window outage) {
    for (StudyPlan study : studies) {
      script(study);
    }
    planned.add(new Planned(outage.start(), sequence++, new Delivery.Outage(true)));
    planned.add(new Planned(outage.end(), sequence++, new Delivery.Outage(false)));
    planned.add(new Planned(downtime.start(), sequence++, new Delivery.Downtime(true)));
    planned.add(new Planned(downtime.end(), sequence++, new Delivery.Downtime(false)));
    return queueDowntime(planned);
  }

  private void script(StudyPlan s) {
    long t = s.orderSecond();
    List<Planned> own = new ArrayList<>();
    switch (s.kind()) {
      case SCHEDULED -> {
        own.add(
            hl7(
                t,
                s,
                "order",
                texts.order(id(), at(t), s.patient(), s.procedure(), s.accession()),
                "CREATED"));
        long booked = t + between(600, 1200);
        own.add(
            hl7(
                booked,
                s,
                "booking",
                texts.booking(id(), at(booked), s.patient(), s.accession(), at(booked + 3600)),
                "PROCEDURE_SCHEDULED"));
        if (s.has(Twist.MERGED)) {
          long merged = booked + between(300, 900);
          own.add(
              hl7(
                  merged,
                  s,
                  "merge",
                  texts.merge(id(), at(merged), People.survivor(s.patient()), s.patient()),
                  "PATIENT_MERGED"));
        }
        if (s.has(Twist.CANCELLED)) {
          long cancelled = booked + between(600, 1800);
          own.add(
              hl7(
                  cancelled,
                  s,
                  "cancellation",
                  texts.cancel(id(), at(cancelled), s.patient(), s.procedure(), s.accession()),
                  "STUDY_CANCELLED"));
          break;
        }
        long started = booked + between(1200, 2400);
        own.add(imaging(started, s, "ACQUISITION_STARTED", false, false));
        report(own, s, imagingCompleted(own, s, started + between(600, 1200), false));
      }
      case WALK_IN -> {
        own.add(imaging(t, s, "ACQUISITION_STARTED", true, false));
        report(own, s, imagingCompleted(own, s, t + between(600, 1200), false));
      }
      case DOWNTIME -> {
        // performed on paper; the modality's record reaches radflow once the interfaces are back
        long completed = downtime.end() + between(60, 900);
        own.add(imaging(completed, s, "ACQUISITION_COMPLETED", true, true));
        report(own, s, completed);
      }
      case IMPORT -> {
        own.add(imaging(t, s, "IMPORT_COMPLETED", true, false));
        report(own, s, t);
      }
    }
    twistDeliveries(s, own);
    planned.addAll(own);
  }

  private long imagingCompleted(List<Planned> own, StudyPlan s, long completed, boolean join) {
    own.add(imaging(completed, s, "ACQUISITION_COMPLETED", join, false));
    return completed;
  }

  private void report(List<Planned> own, StudyPlan s, long imagesDone) {
    long reported =
        s.has(Twist.OUT_OF_ORDER) && s.kind() != Kind.IMPORT && s.kind() != Kind.DOWNTIME
            ? imagesDone - between(60, 300) // the report overtakes the modality's last message
            : imagesDone + between(1800, 5400);
    own.add(
        hl7(
            reported,
            s,
            "final report",
            texts.result(
                id(),
                at(reported),
                s.patient(),
                s.procedure(),
                s.accession(),
                "F",
                "No acute abnormality."),
            "REPORT_FINALISED"));
    if (s.has(Twist.AMENDED)) {
      long amended = Math.max(reported, imagesDone) + between(1800, 3600);
      own.add(
          hl7(
              amended,
              s,
              "corrected report",
              texts.result(
                  id(),
                  at(amended),
                  s.patient(),
                  s.procedure(),
                  s.accession(),
                  "C",
                  "Addendum: small left pleural effusion."),
              "REPORT_AMENDED"));
    }
  }

  /** A retry with a new control id, a frame delivered twice, an imaging event sent twice. */
  private void twistDeliveries(StudyPlan s, List<Planned> own) {
    if (s.has(Twist.RESENT)) {
      Planned original = own.get(random.nextInt(own.size()));
      long later = original.second() + between(30, 300);
      if (original.delivery() instanceof Delivery.Hl7 hl7) {
        String resent = hl7.text().replace(controlIdOf(hl7.text()), id());
        own.add(
            new Planned(
                later,
                sequence++,
                new Delivery.Hl7(s, hl7.label() + " (re-sent)", resent, hl7.expects())));
      } else if (original.delivery() instanceof Delivery.Imaging imaging) {
        own.add(
            new Planned(
                later,
                sequence++,
                new Delivery.Imaging(
                    s, imaging.label() + " (re-sent)", imaging.body(), imaging.expects())));
      }
    }
    if (s.has(Twist.REDELIVERED)) {
      for (Planned original : List.copyOf(own)) {
        if (original.delivery() instanceof Delivery.Hl7 hl7) {
          own.add(
              new Planned(
                  original.second() + 5,
                  sequence++,
                  new Delivery.Hl7(
                      s, hl7.label() + " (delivered twice)", hl7.text(), hl7.expects())));
          break;
        }
      }
    }
  }

  private static String controlIdOf(String text) {
    return text.split("\r", 2)[0].split("\\|")[9];
  }

  /**
   * Everything due inside the downtime waits; at its end the queue is delivered in order, a few
   * seconds apart, as a backlog drains.
   */
  private List<Planned> queueDowntime(List<Planned> all) {
    List<Planned> onTime = new ArrayList<>(all.size());
    List<Planned> queued = new ArrayList<>();
    for (Planned p : all) {
      boolean traffic = p.delivery().forStudy() != null;
      (traffic && downtime.contains(p.second()) ? queued : onTime).add(p);
    }
    queued.sort(
        java.util.Comparator.comparingLong(Planned::second).thenComparingLong(Planned::sequence));
    List<Planned> out = new ArrayList<>(all.size());
    Map<StudyPlan, Long> drainedAt = new java.util.HashMap<>();
    long at = downtime.end();
    for (Planned p : queued) {
      out.add(new Planned(at, p.sequence(), p.delivery()));
      drainedAt.put(p.delivery().forStudy(), at);
      at += 2;
    }
    // a study's later messages wait behind its queued ones: the sender keeps one study's order
    for (Planned p : onTime) {
      Long drained = drainedAt.get(p.delivery().forStudy());
      boolean overtakes = drained != null && p.second() >= downtime.end() && p.second() <= drained;
      out.add(overtakes ? new Planned(drained + 1, p.sequence(), p.delivery()) : p);
    }
    return out;
  }

  private Planned hl7(long second, StudyPlan s, String label, String text, String expects) {
    return new Planned(second, sequence++, new Delivery.Hl7(s, label, text, expects));
  }

  private Planned imaging(long second, StudyPlan s, String type, boolean join, boolean paper) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("assigningAuthority", DayPlan.SITE);
    body.put("accessionNumber", s.accession());
    String uid = "1.2.826.0.1.3680043.10.543." + stamp + "." + s.n();
    body.put("studyInstanceUid", uid);
    if (!type.equals("ACQUISITION_STARTED")) {
      String manifest = "dicomweb://pacs.north/studies/" + uid + "/manifest";
      body.put("manifestUri", manifest);
      body.put("contentHash", "sha256:" + sha256(manifest + "#" + type));
    }
    if (type.equals("IMPORT_COMPLETED")) {
      body.put("importJobId", "IMPORT-" + s.accession());
    }
    if (join) {
      body.put("patient", Map.of("assigningAuthority", DayPlan.SITE, "id", s.patient().mrn()));
    }
    if (paper) {
      body.put("downtime", true);
    }
    body.put("happenedAt", at(paper ? s.orderSecond() + 1200 : second).toString());
    body.put(
        "source",
        Map.of(
            "system",
            s.kind() == Kind.IMPORT ? "import-gateway" : s.procedure().modality() + "-1"));
    String expects = join ? "CREATED" : type;
    return new Planned(
        second,
        sequence++,
        new Delivery.Imaging(
            s, type.toLowerCase(java.util.Locale.ROOT).replace('_', ' '), body, expects));
  }

  /** The manifest's digest, as the archive reports it (here: of its name, for want of content). */
  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private String id() {
    return "D" + stamp + "-" + (++controlIds);
  }

  private Instant at(long second) {
    return dayStart.plusSeconds(second);
  }

  private long between(int from, int to) {
    return from + random.nextInt(to - from);
  }
}
