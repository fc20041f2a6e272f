package org.radflow.demo;

import java.util.Map;

/** Something the day sends or does at a moment of it. */
sealed interface Delivery {

  /** The study it is for; {@code null} for what the whole site goes through. */
  default StudyPlan forStudy() {
    return null;
  }

  /**
   * An HL7 v2 message over MLLP.
   *
   * @param expects the transition the study's history must hold once it is acknowledged ({@code
   *     CREATED}: the study itself), or {@code null} when it asks for no transition (ADT^A08)
   */
  record Hl7(StudyPlan study, String label, String text, String expects) implements Delivery {
    @Override
    public StudyPlan forStudy() {
      return study;
    }
  }

  /** An imaging event over HTTP ({@code POST /api/v1/imaging-events}), as JSON fields. */
  record Imaging(StudyPlan study, String label, Map<String, Object> body, String expects)
      implements Delivery {
    @Override
    public StudyPlan forStudy() {
      return study;
    }
  }

  /** The national record goes down ({@code true}) or comes back. */
  record Outage(boolean down) implements Delivery {}

  /** The site's interfaces stop delivering ({@code true}), or start again and drain their queue. */
  record Downtime(boolean starts) implements Delivery {}

  /** When it happens: seconds from the start of the day, then the order it was planned in. */
  record Planned(long second, long sequence, Delivery delivery) {}
}
