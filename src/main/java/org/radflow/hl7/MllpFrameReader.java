package org.radflow.hl7;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.BooleanSupplier;

/**
 * Reads MLLP frames (0x0B message 0x1C 0x0D) from one connection. Written here rather than taken
 * from HAPI because radflow must bound a frame's size, keep what a broken frame delivered, and tell
 * a stalled sender from an idle one; HAPI's readers do none of these.
 *
 * <p>Time is counted by the clock, not by reads: a frame must end within the frame timeout of its
 * start block however its bytes trickle in (a byte every few seconds would otherwise keep it alive
 * for ever), bytes outside a frame must be followed by a start block within the same time, and a
 * connection that sends no frame for the idle timeout is given up (line ends sent to keep it open
 * do not count). The clock is read once per read of the socket, not per byte.
 */
final class MllpFrameReader {

  static final int START = 0x0B;
  static final int END = 0x1C;
  static final int CR = 0x0D;

  private final InputStream in;
  private final int maxBytes;
  private final int retainBytes;
  private final Duration frameTimeout;
  private final Duration idleTimeout;
  private final InstantSource clock;

  private final byte[] buffer = new byte[64 * 1024];
  private int position;
  private int limit;

  /** A start block read while looking for something else: the next frame has begun. */
  private boolean startPending;

  /**
   * @param in a socket's stream whose read timeout is short (a poll), so that stopping and the
   *     clock are looked at while a sender is silent
   */
  MllpFrameReader(
      InputStream in,
      int maxBytes,
      int retainBytes,
      Duration frameTimeout,
      Duration idleTimeout,
      InstantSource clock) {
    this.in = in;
    this.maxBytes = maxBytes;
    this.retainBytes = Math.max(retainBytes, maxBytes);
    this.frameTimeout = frameTimeout;
    this.idleTimeout = idleTimeout;
    this.clock = clock;
  }

  MllpFrame next(BooleanSupplier running) throws IOException {
    ByteArrayOutputStream outside = new ByteArrayOutputStream();
    // only a frame is activity: line ends or junk between frames keep no connection alive
    Instant quietSince = clock.instant();
    Instant junkSince = null;
    while (!startPending) {
      if (position == limit) {
        Instant now = clock.instant();
        if (junkSince != null && !now.isBefore(junkSince.plus(frameTimeout))) {
          return unframed(outside, true);
        }
        if (!now.isBefore(quietSince.plus(idleTimeout))) {
          return new MllpFrame.Idle(Duration.between(quietSince, now));
        }
      }
      int b;
      try {
        b = read();
      } catch (SocketTimeoutException quiet) {
        if (!running.getAsBoolean()) {
          return new MllpFrame.Closed();
        }
        continue;
      }
      if (b < 0) {
        return blank(outside) ? new MllpFrame.Closed() : unframed(outside, true);
      }
      if (b == START) {
        startPending = true;
        if (blank(outside)) {
          break;
        }
        return unframed(outside, false);
      }
      if (junkSince == null && !isBlank(b)) {
        junkSince = clock.instant();
      }
      if (outside.size() < retainBytes) {
        outside.write(b);
      }
    }
    startPending = false;
    return frame(running);
  }

  private MllpFrame frame(BooleanSupplier running) throws IOException {
    ByteArrayOutputStream message = new ByteArrayOutputStream(4096);
    Instant deadline = clock.instant().plus(frameTimeout);
    long size = 0;
    while (true) {
      int b;
      try {
        if (position == limit && !clock.instant().isBefore(deadline)) {
          return stalled(message, size);
        }
        b = read();
      } catch (SocketTimeoutException quiet) {
        if (!running.getAsBoolean() || !clock.instant().isBefore(deadline)) {
          return stalled(message, size);
        }
        continue;
      }
      if (b < 0) {
        return new MllpFrame.Broken(
            message.toByteArray(),
            "the connection closed after "
                + size
                + " bytes of a frame, before its end block (0x1C 0x0D); send the whole message"
                + " again",
            true);
      }
      if (b == END) {
        // the CR that follows is left for the next read, where a stray CR between frames is
        // ignored; waiting for it here would turn a CR that comes late into a dropped message
        byte[] bytes = message.toByteArray();
        return size > maxBytes
            ? new MllpFrame.Oversized(bytes, size)
            : new MllpFrame.Complete(bytes);
      }
      if (b == START) {
        startPending = true;
        return new MllpFrame.Broken(
            message.toByteArray(),
            "a new frame started after "
                + size
                + " bytes, before this one's end block (0x1C 0x0D); the cut-off message was not"
                + " processed, send it again",
            false);
      }
      size++;
      if (size <= retainBytes) {
        message.write(b);
      }
    }
  }

  /** The next byte, or -1 at the end of the stream; the socket is read only when none is left. */
  private int read() throws IOException {
    if (position == limit) {
      int n = in.read(buffer);
      if (n < 0) {
        return -1;
      }
      position = 0;
      limit = n;
    }
    return buffer[position++] & 0xFF;
  }

  private MllpFrame stalled(ByteArrayOutputStream message, long size) {
    return new MllpFrame.Broken(
        message.toByteArray(),
        "the frame did not end within "
            + frameTimeout.toSeconds()
            + " s of its start block (RADFLOW_MLLP_FRAME_TIMEOUT); "
            + size
            + " bytes came, no end block (0x1C 0x0D); the connection was closed, send the whole"
            + " message again",
        true);
  }

  private static MllpFrame unframed(ByteArrayOutputStream outside, boolean fatal) {
    return new MllpFrame.Broken(
        outside.toByteArray(),
        outside.size()
            + " bytes arrived outside an MLLP frame (no start block 0x0B before them); frame each"
            + " message as 0x0B message 0x1C 0x0D",
        fatal);
  }

  /** Line ends between frames are common and harmless. */
  private static boolean blank(ByteArrayOutputStream outside) {
    for (byte b : outside.toByteArray()) {
      if (!isBlank(b)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBlank(int b) {
    return b == '\r' || b == '\n' || b == ' ';
  }
}
