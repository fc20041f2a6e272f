package org.radflow.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * How the pages write times, ages and roles, as the bean {@code consoleFormat} templates call.
 * Times are UTC with the zone said, so two operators in different places read the same instant.
 */
@Component("consoleFormat")
public final class ConsoleFormat {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final Clock clock;

  ConsoleFormat(Clock clock) {
    this.clock = clock;
  }

  public String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant);
  }

  /** How long ago, in the largest unit that says it: "42 s", "7 min", "3 h 5 min", "2 d 4 h". */
  public String age(Instant since) {
    return since == null ? "" : duration(Duration.between(since, clock.instant()));
  }

  /**
   * "7 min ago"; a service that never changed state carries the epoch as its "since", which reads
   * as that rather than as fifty-odd years.
   */
  public String ago(Instant since) {
    if (since == null) {
      return "";
    }
    return Instant.EPOCH.equals(since) ? "no change recorded" : age(since) + " ago";
  }

  public String seconds(Number seconds) {
    return seconds == null
        ? ""
        : duration(Duration.ofMillis(Math.round(seconds.doubleValue() * 1000)));
  }

  public static String duration(Duration duration) {
    long s = Math.max(0, duration.toSeconds());
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return s / 60 + " min";
    }
    if (s < 86_400) {
      return s / 3600 + " h " + (s % 3600) / 60 + " min";
    }
    return s / 86_400 + " d " + (s % 86_400) / 3600 + " h";
  }

  public List<String> roles(Authentication who) {
    if (who == null) {
      return List.of();
    }
    return who.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .filter(a -> a.startsWith("ROLE_"))
        .map(a -> a.substring("ROLE_".length()).toLowerCase())
        .sorted()
        .toList();
  }
}
