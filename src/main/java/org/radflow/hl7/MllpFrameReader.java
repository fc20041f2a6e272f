package org.radflow.hl7;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Reads MLLP frames (0x0B message 0x1C 0x0D) from one connection. Written here rather than taken
 * from HAPI because radflow must bound a frame's size, keep what a broken frame delivered, and tell
 * a stalled sender from an idle one; HAPI's readers do none of these.
 */
final class MllpFrameReader {

  static final int START = 0x0B;
  static final int END = 0x1C;
  static final int CR = 0x0D;

  private final InputStream in;
  private final int maxBytes;
  private final int retainBytes;
  private final long frameTimeoutMillis;
  private final long pollMillis;

  /** A start block read while looking for something else: the next frame has begun. */
  private boolean startPending;

  /**
   * @param in a buffered stream over a socket whose read timeout is {@code pollMillis}
   */
  MllpFrameReader(
      InputStream in, int maxBytes, int retainBytes, long frameTimeoutMillis, long pollMillis) {
    this.in = in;
    this.maxBytes = maxBytes;
    this.retainBytes = Math.max(retainBytes, maxBytes);
    this.frameTimeoutMillis = frameTimeoutMillis;
    this.pollMillis = pollMillis;
  }

  MllpFrame next(BooleanSupplier running) throws IOException {
    ByteArrayOutputStream outside = new ByteArrayOutputStream();
    long outsideIdle = 0;
    while (!startPending) {
      int b;
      try {
        b = in.read();
      } catch (SocketTimeoutException idle) {
        if (!running.getAsBoolean()) {
          return new MllpFrame.Closed();
        }
        outsideIdle += pollMillis;
        if (!blank(outside) && outsideIdle >= frameTimeoutMillis) {
          return unframed(outside, true);
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
      outsideIdle = 0;
      if (outside.size() < retainBytes) {
        outside.write(b);
      }
    }
    startPending = false;
    return frame(running);
  }

  private MllpFrame frame(BooleanSupplier running) throws IOException {
    ByteArrayOutputStream message = new ByteArrayOutputStream(4096);
    long size = 0;
    long idle = 0;
    while (true) {
      int b;
      try {
        b = in.read();
      } catch (SocketTimeoutException stalled) {
        idle += pollMillis;
        if (idle >= frameTimeoutMillis || !running.getAsBoolean()) {
          return new MllpFrame.Broken(
              message.toByteArray(),
              "the frame stopped after "
                  + size
                  + " bytes and no end block (0x1C 0x0D) came within "
                  + frameTimeoutMillis / 1000
                  + " s; the connection was closed, send the whole message again",
              true);
        }
        continue;
      }
      idle = 0;
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
      if (b != '\r' && b != '\n' && b != ' ') {
        return false;
      }
    }
    return true;
  }
}
