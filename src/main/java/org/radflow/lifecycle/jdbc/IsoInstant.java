package org.radflow.lifecycle.jdbc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * Instants as {@link Instant#toString()} writes them and {@link Instant#parse} reads them, without
 * their {@code DateTimeFormatter}: a study's detail holds about ten instants, and formatting and
 * parsing them through the formatter cost more than all the rest of its JSON. Years 1970 to 9999
 * with 0, 3, 6 or 9 fraction digits take the short way (that is every instant radflow writes);
 * anything else goes through {@code Instant} itself, so the text is always exactly the same.
 */
final class IsoInstant {

  private static final long LAST_FOUR_DIGIT_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z
  private static final int SECONDS_PER_DAY = 86_400;

  private IsoInstant() {}

  static String format(Instant instant) {
    long epochSecond = instant.getEpochSecond();
    if (epochSecond < 0 || epochSecond > LAST_FOUR_DIGIT_SECOND) {
      return instant.toString();
    }
    LocalDate date = LocalDate.ofEpochDay(epochSecond / SECONDS_PER_DAY);
    int secondOfDay = (int) (epochSecond % SECONDS_PER_DAY);
    int nano = instant.getNano();
    int fractionDigits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
    byte[] text = new byte[20 + (fractionDigits == 0 ? 0 : fractionDigits + 1)];
    digits(text, 0, date.getYear(), 4);
    text[4] = '-';
    digits(text, 5, date.getMonthValue(), 2);
    text[7] = '-';
    digits(text, 8, date.getDayOfMonth(), 2);
    text[10] = 'T';
    digits(text, 11, secondOfDay / 3600, 2);
    text[13] = ':';
    digits(text, 14, secondOfDay / 60 % 60, 2);
    text[16] = ':';
    digits(text, 17, secondOfDay % 60, 2);
    int end = 19;
    if (fractionDigits > 0) {
      text[19] = '.';
      int fraction = nano;
      for (int dropped = 9 - fractionDigits; dropped > 0; dropped--) {
        fraction /= 10;
      }
      digits(text, 20, fraction, fractionDigits);
      end = 20 + fractionDigits;
    }
    text[end] = 'Z';
    return new String(text, StandardCharsets.ISO_8859_1);
  }

  static Instant parse(String text) {
    int length = text.length();
    int fractionDigits = length - 21;
    boolean shaped =
        (length == 20 || fractionDigits == 3 || fractionDigits == 6 || fractionDigits == 9)
            && text.charAt(4) == '-'
            && text.charAt(7) == '-'
            && text.charAt(10) == 'T'
            && text.charAt(13) == ':'
            && text.charAt(16) == ':'
            && (length == 20 || text.charAt(19) == '.')
            && text.charAt(length - 1) == 'Z';
    if (!shaped) {
      return Instant.parse(text);
    }
    int year = number(text, 0, 4);
    int month = number(text, 5, 2);
    int day = number(text, 8, 2);
    int hour = number(text, 11, 2);
    int minute = number(text, 14, 2);
    int second = number(text, 17, 2);
    int fraction = length == 20 ? 0 : number(text, 20, fractionDigits);
    if ((month | day | hour | minute | second | fraction) < 0
        || year < 1970
        || month < 1
        || month > 12
        || day < 1
        || day > Month.of(month).length(Year.isLeap(year))
        || hour > 23
        || minute > 59
        || second > 59) {
      return Instant.parse(text); // which also refuses what it refuses, with its own message
    }
    for (int missing = length == 20 ? 0 : 9 - fractionDigits; missing > 0; missing--) {
      fraction *= 10;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(
        epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, fraction);
  }

  private static void digits(byte[] text, int at, int value, int count) {
    for (int i = at + count - 1; i >= at; i--) {
      text[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }

  /** The decimal number in {@code count} characters from {@code at}, or -1 if one is no digit. */
  private static int number(String text, int at, int count) {
    int value = 0;
    for (int i = at; i < at + count; i++) {
      int digit = text.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }
}
