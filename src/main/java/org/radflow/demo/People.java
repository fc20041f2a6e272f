package org.radflow.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.radflow.demo.StudyPlan.Twist;
import org.radflow.workflow.IhiRules;

/** The day's patients: made-up names and birth dates, an IHI on file for some. */
final class People {

  private static final List<String> FAMILY =
      List.of(
          "NGUYEN",
          "SMITH",
          "WILLIAMS",
          "BROWN",
          "WILSON",
          "TAYLOR",
          "JOHNSON",
          "WHITE",
          "MARTIN",
          "ANDERSON",
          "THOMPSON",
          "TRAN",
          "THOMAS",
          "WALKER",
          "HARRIS",
          "LEE",
          "RYAN",
          "ROBINSON",
          "KELLY",
          "KING",
          "DAVIS",
          "WRIGHT",
          "EVANS",
          "ROBERTS");
  private static final List<String> GIVEN =
      List.of(
          "OLIVIA",
          "JACK",
          "CHARLOTTE",
          "WILLIAM",
          "AMELIA",
          "NOAH",
          "ISLA",
          "OLIVER",
          "MIA",
          "LEO",
          "AVA",
          "HENRY",
          "GRACE",
          "THOMAS",
          "CHLOE",
          "LUCAS",
          "RUBY",
          "JAMES");

  private People() {}

  /**
   * A patient under record number {@code mrn}. One in three has an IHI on file; those whose IHI
   * matters to the day's twist always do.
   */
  static Patient patient(Random random, String mrn, Set<Twist> twists) {
    boolean ihiOnFile =
        twists.contains(Twist.PROVISIONAL_IHI)
            || twists.contains(Twist.MERGED)
            || random.nextInt(3) == 0;
    return new Patient(
        mrn,
        FAMILY.get(random.nextInt(FAMILY.size())),
        GIVEN.get(random.nextInt(GIVEN.size())),
        LocalDate.of(1930 + random.nextInt(90), 1 + random.nextInt(12), 1 + random.nextInt(28)),
        random.nextBoolean() ? "F" : "M",
        ihiOnFile ? ihi(random) : null);
  }

  /** The record a duplicate is merged into: the same person, another record number. */
  static Patient survivor(Patient duplicate) {
    return new Patient(
        duplicate.mrn() + "S",
        duplicate.family(),
        duplicate.given(),
        duplicate.born(),
        duplicate.sex(),
        duplicate.ihi());
  }

  /** A well-formed IHI: 800360, nine digits, and a Luhn check digit. */
  static String ihi(Random random) {
    StringBuilder digits = new StringBuilder("800360");
    for (int i = 0; i < 9; i++) {
      digits.append(random.nextInt(10));
    }
    return digits.append(IhiRules.luhnCheckDigit(digits.toString())).toString();
  }
}
