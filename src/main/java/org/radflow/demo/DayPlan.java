package org.radflow.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.radflow.demo.StudyPlan.Kind;
import org.radflow.demo.StudyPlan.Twist;

/**
 * A radiology group's day, drawn from a seed: which studies, of which kind, with what befalling
 * them, and everything sent for them in time order. The day starts at 07:30; orders arrive until
 * 16:30. A downtime (14:00 to 14:45) holds back the interface's messages, which arrive in a burst
 * once it ends, and paper orders are backfilled. The national record is down from 11:00 for {@link
 * #outage()} seconds.
 */
record DayPlan(
    String site,
    Instant dayStart,
    List<StudyPlan> studies,
    List<Delivery.Planned> deliveries,
    Window downtime,
    Window outage) {

  static final String SITE = "NORTH";
  static final long ORDERS_UNTIL = 9 * 3600;

  /** From {@code start} to {@code end}, in seconds of the day. */
  record Window(long start, long end) {
    boolean contains(long second) {
      return second >= start && second < end;
    }
  }

  DayPlan {
    studies = List.copyOf(studies);
    deliveries = List.copyOf(deliveries);
  }

  /**
   * The day of {@code size} studies for {@code seed}, its accessions and record numbers marked with
   * {@code stamp} so that days never share a study.
   *
   * @param outageSeconds how long the national record is down, in seconds of the day
   */
  static DayPlan draw(int size, long seed, LocalDate date, String stamp, long outageSeconds) {
    Random random = new Random(seed);
    Window downtime = new Window(6 * 3600 + 1800, 7 * 3600 + 900);
    Window outage = new Window(3 * 3600 + 1800, 3 * 3600 + 1800 + outageSeconds);
    List<StudyPlan> studies = new ArrayList<>(size);
    List<Kind> kinds = kinds(size, random);
    List<Set<Twist>> twists = twists(kinds, random);
    for (int n = 0; n < size; n++) {
      Kind kind = kinds.get(n);
      long order =
          kind == Kind.DOWNTIME
              ? downtime.start() + random.nextInt((int) (downtime.end() - downtime.start()))
              : random.nextInt((int) ORDERS_UNTIL);
      Set<Twist> set = EnumSet.noneOf(Twist.class);
      set.addAll(twists.get(n));
      if (kind == Kind.SCHEDULED && downtime.contains(order)) {
        set.add(Twist.QUEUED);
      }
      studies.add(
          new StudyPlan(
              n,
              String.format("A%s-%05d", stamp, n),
              People.patient(random, String.format("M%s-%05d", stamp, n), set),
              Procedure.MENU.get(random.nextInt(Procedure.MENU.size())),
              kind,
              set,
              order));
    }
    Hl7Texts texts = new Hl7Texts(SITE);
    Instant dayStart = date.atTime(7, 30).toInstant(java.time.ZoneOffset.UTC);
    List<Delivery.Planned> deliveries =
        new StudyScripts(texts, dayStart, downtime, stamp, random).deliveries(studies, outage);
    deliveries.sort(
        Comparator.comparingLong(Delivery.Planned::second)
            .thenComparingLong(Delivery.Planned::sequence));
    return new DayPlan(SITE, dayStart, studies, deliveries, downtime, outage);
  }

  /** Seconds from the start of the day to the last delivery. */
  long length() {
    return deliveries.isEmpty() ? 0 : deliveries.get(deliveries.size() - 1).second();
  }

  /** Walk-ins 8 %, paper orders in the downtime 2 %, imports 4 %, the rest scheduled. */
  private static List<Kind> kinds(int size, Random random) {
    List<Kind> kinds = new ArrayList<>(size);
    add(kinds, Kind.WALK_IN, share(size, 0.08));
    add(kinds, Kind.DOWNTIME, share(size, 0.02));
    add(kinds, Kind.IMPORT, share(size, 0.04));
    while (kinds.size() < size) {
      kinds.add(Kind.SCHEDULED);
    }
    java.util.Collections.shuffle(kinds, random);
    return kinds;
  }

  /**
   * At most one of the twists that need a person or change the study's course per study; re-sends
   * and early reports fall on any study.
   */
  private static List<Set<Twist>> twists(List<Kind> kinds, Random random) {
    int size = kinds.size();
    List<Set<Twist>> twists = new ArrayList<>(size);
    for (int n = 0; n < size; n++) {
      twists.add(EnumSet.noneOf(Twist.class));
    }
    List<Integer> scheduled = new ArrayList<>();
    for (int n = 0; n < size; n++) {
      if (kinds.get(n) == Kind.SCHEDULED) {
        scheduled.add(n);
      }
    }
    java.util.Collections.shuffle(scheduled, random);
    int next = 0;
    for (Twist twist :
        List.of(
            Twist.CANCELLED,
            Twist.AMENDED,
            Twist.PROVISIONAL_IHI,
            Twist.UNKNOWN_IHI,
            Twist.CLAIM_REJECTED,
            Twist.MERGED)) {
      double rate = twist == Twist.CANCELLED || twist == Twist.AMENDED ? 0.03 : 0.01;
      for (int k = share(size, rate); k > 0 && next < scheduled.size(); k--) {
        twists.get(scheduled.get(next++)).add(twist);
      }
    }
    for (int n = 0; n < size; n++) {
      if (random.nextDouble() < 0.06) {
        twists.get(n).add(Twist.RESENT);
      }
      if (random.nextDouble() < 0.02) {
        twists.get(n).add(Twist.REDELIVERED);
      }
      if (random.nextDouble() < 0.06 && !twists.get(n).contains(Twist.CANCELLED)) {
        twists.get(n).add(Twist.OUT_OF_ORDER);
      }
    }
    return twists;
  }

  private static int share(int size, double rate) {
    return Math.max(1, (int) Math.round(size * rate));
  }

  private static void add(List<Kind> kinds, Kind kind, int count) {
    for (int i = 0; i < count; i++) {
      kinds.add(kind);
    }
  }
}
