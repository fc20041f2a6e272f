package org.radflow.demo;

import java.util.Set;

/**
 * One study of the day: who, what, how it reaches radflow, and what befalls it.
 *
 * @param orderSecond when its first message is due, in seconds from the start of the day
 */
record StudyPlan(
    int n,
    String accession,
    Patient patient,
    Procedure procedure,
    Kind kind,
    Set<Twist> twists,
    long orderSecond) {

  StudyPlan {
    twists = Set.copyOf(twists);
  }

  /** How the study reaches radflow. */
  enum Kind {
    /** Ordered by the RIS, booked, performed, reported, charged. */
    SCHEDULED("scheduled orders"),
    /** Encounter imaging: the modality starts before the order reaches radflow. */
    WALK_IN("walk-in encounters (modality first)"),
    /** Ordered on paper during the downtime; its images and report are backfilled afterwards. */
    DOWNTIME("paper orders backfilled after the downtime"),
    /** Performed elsewhere, its images imported, then reported here. */
    IMPORT("imported outside studies");

    final String description;

    Kind(String description) {
      this.description = description;
    }
  }

  /** What befalls it besides its kind's path. */
  enum Twist {
    /** One message is sent again with a new control id, as a sender that retries does. */
    RESENT,
    /** One frame is delivered twice, control id and all, as after a lost ACK. */
    REDELIVERED,
    /** Its final report arrives before its acquisition is complete (radflow holds it). */
    OUT_OF_ORDER,
    /** Cancelled after its slot and worklist entry were made (radflow undoes them). */
    CANCELLED,
    /** Its report is corrected after it was final (ORU C: the published document is replaced). */
    AMENDED,
    /** Ordered under a duplicate patient record that the PAS later merges (ADT^A40). */
    MERGED,
    /** The HI Service holds its patient's IHI as provisional: not usable until verified. */
    PROVISIONAL_IHI,
    /** The HI Service cannot find its patient until the PAS corrects the record (ADT^A08). */
    UNKNOWN_IHI,
    /** The payer rejects its claim; an operator has it corrected and redrives the answer. */
    CLAIM_REJECTED,
    /** Its messages fall in the downtime and are delivered from the queue once it ends. */
    QUEUED
  }

  boolean has(Twist twist) {
    return twists.contains(twist);
  }

  /** How the day must leave it: cancelled ones cancelled, every other one settled. */
  String expectedStatus() {
    return has(Twist.CANCELLED) ? "CANCELLED" : "FINANCIALLY_COMPLETE";
  }
}
