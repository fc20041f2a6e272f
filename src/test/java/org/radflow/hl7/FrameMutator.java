package org.radflow.hl7;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Makes damaged messages from real ones, reproducibly from a seed: flipped bytes, fields and
 * segments duplicated, floods of delimiters, truncation, huge fields, a broken MSH. The MLLP frame
 * bytes (0x0B, 0x1C) are kept out of the message, since by protocol they start and end frames; what
 * the listener does with a broken frame is tested elsewhere (MllpIngestTest).
 */
final class FrameMutator {

  private static final byte[] DELIMITERS = "~^|&\\".getBytes(StandardCharsets.ISO_8859_1);

  private final List<byte[]> seeds;
  private final Random random;

  FrameMutator(List<byte[]> seeds, long seed) {
    this.seeds = List.copyOf(seeds);
    this.random = new Random(seed);
  }

  /** A seed message with one to three mutations, and the names of those mutations. */
  record Mutant(byte[] message, String mutations) {}

  Mutant next() {
    byte[] message = seeds.get(random.nextInt(seeds.size()));
    StringBuilder names = new StringBuilder();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      int kind = random.nextInt(9);
      message =
          switch (kind) {
            case 0 -> flipBytes(message);
            case 1 -> duplicateField(message);
            case 2 -> duplicateSegment(message);
            case 3 -> flood(message);
            case 4 -> truncate(message);
            case 5 -> hugeField(message);
            case 6 -> emptyHeaderComponents(message);
            case 7 -> randomEncodingCharacters(message);
            default -> lineEnds(message);
          };
      names.append(i == 0 ? "" : "+").append(NAMES[kind]);
    }
    return new Mutant(unframed(message), names.toString());
  }

  private static final String[] NAMES = {
    "flip",
    "dup-field",
    "dup-segment",
    "flood",
    "truncate",
    "huge-field",
    "empty-msh",
    "encoding",
    "line-ends"
  };

  private byte[] flipBytes(byte[] message) {
    byte[] copy = message.clone();
    int flips = 1 + random.nextInt(8);
    for (int i = 0; i < flips && copy.length > 0; i++) {
      copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
    }
    return copy;
  }

  private byte[] duplicateField(byte[] message) {
    int at = indexOf(message, (byte) '|', random.nextInt(Math.max(1, message.length)));
    if (at < 0) {
      return message;
    }
    int end = indexOf(message, (byte) '|', at + 1);
    end = end < 0 ? message.length : end;
    byte[] field = java.util.Arrays.copyOfRange(message, at, end);
    return insert(message, end, repeat(field, 1 + random.nextInt(300)));
  }

  private byte[] duplicateSegment(byte[] message) {
    int start = indexOf(message, (byte) '\r', random.nextInt(Math.max(1, message.length)));
    if (start < 0) {
      return message;
    }
    int end = indexOf(message, (byte) '\r', start + 1);
    end = end < 0 ? message.length : end;
    byte[] segment = java.util.Arrays.copyOfRange(message, start, end);
    return insert(message, end, repeat(segment, 1 + random.nextInt(1500)));
  }

  private byte[] flood(byte[] message) {
    byte delimiter = DELIMITERS[random.nextInt(DELIMITERS.length)];
    int length = random.nextBoolean() ? random.nextInt(500) : random.nextInt(200_000);
    return insert(
        message, random.nextInt(message.length + 1), repeat(new byte[] {delimiter}, length));
  }

  private byte[] truncate(byte[] message) {
    return java.util.Arrays.copyOf(message, random.nextInt(message.length + 1));
  }

  private byte[] hugeField(byte[] message) {
    int at = indexOf(message, (byte) '|', random.nextInt(Math.max(1, message.length)));
    return insert(
        message,
        at < 0 ? message.length : at + 1,
        repeat(new byte[] {'x'}, random.nextInt(90_000)));
  }

  private byte[] emptyHeaderComponents(byte[] message) {
    String text = new String(message, StandardCharsets.ISO_8859_1);
    String[] damages = {"|^^|", "||", "|^|", "|^~|", "|&|"};
    // one of MSH-9 to MSH-12
    int field = 9 + random.nextInt(4);
    int at = -1;
    for (int i = 0, seen = 0; i < Math.min(text.length(), 400); i++) {
      if (text.charAt(i) == '|' && ++seen == field - 1) {
        at = i;
        break;
      }
    }
    if (at < 0) {
      return message;
    }
    int end = text.indexOf('|', at + 1);
    end = end < 0 ? text.length() : end;
    String damage = damages[random.nextInt(damages.length)];
    return (text.substring(0, at) + damage + (end < text.length() ? text.substring(end + 1) : ""))
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private byte[] randomEncodingCharacters(byte[] message) {
    byte[] copy = message.clone();
    int from = indexOf(copy, (byte) 'M', 0);
    for (int i = 0; from >= 0 && i < 5 && from + 3 + i < copy.length; i++) {
      if (random.nextBoolean()) {
        copy[from + 3 + i] = (byte) (33 + random.nextInt(94));
      }
    }
    return copy;
  }

  private byte[] lineEnds(byte[] message) {
    String ending = random.nextBoolean() ? "\n" : "\r\n";
    return new String(message, StandardCharsets.ISO_8859_1)
        .replace("\r", ending)
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] unframed(byte[] message) {
    byte[] copy = message.clone();
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] == MllpFrameReader.START || copy[i] == MllpFrameReader.END) {
        copy[i] = 'X';
      }
    }
    return copy;
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = Math.max(0, from); i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] insert(byte[] message, int at, byte[] inserted) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + inserted.length);
    out.write(message, 0, at);
    out.write(inserted, 0, inserted.length);
    out.write(message, at, message.length - at);
    return out.toByteArray();
  }

  private static byte[] repeat(byte[] part, int times) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(part.length * times);
    for (int i = 0; i < times; i++) {
      out.write(part, 0, part.length);
    }
    return out.toByteArray();
  }
}
