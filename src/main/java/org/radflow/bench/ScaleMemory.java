package org.radflow.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bench process's memory, read now and sampled every {@link #INTERVAL_MILLIS} by a daemon
 * thread: heap used ({@code MemoryMXBean}, live objects and garbage not yet collected alike) and
 * resident set size ({@code VmRSS} of {@code /proc/self/status}; -1 where there is none). The
 * highest of each since the last {@link #restart()} is kept, so a phase's peak is never missed
 * between two prints.
 */
final class ScaleMemory implements AutoCloseable {

  static final long INTERVAL_MILLIS = 100;

  /** One reading, in bytes. */
  record Reading(long heapUsed, long rss) {
    static Reading now() {
      return new Reading(
          ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), residentSetSize());
    }

    String format() {
      return String.format(
          java.util.Locale.ROOT, "heap used %s, RSS %s", mebibytes(heapUsed), mebibytes(rss));
    }
  }

  private final AtomicLong maxHeap = new AtomicLong();
  private final AtomicLong maxRss = new AtomicLong(-1);
  private final AtomicLong samples = new AtomicLong();
  private final Thread sampler;

  private ScaleMemory() {
    sampler = new Thread(this::sampleUntilClosed, "bench-scale-memory");
    sampler.setDaemon(true);
  }

  /** Starts sampling. */
  static ScaleMemory sample() {
    ScaleMemory memory = new ScaleMemory();
    memory.sampler.start();
    return memory;
  }

  /** The highest heap used and RSS sampled since the start or the last restart. */
  Reading max() {
    record(Reading.now());
    return new Reading(maxHeap.get(), maxRss.get());
  }

  /** How many samples were taken in all. */
  long samples() {
    return samples.get();
  }

  /** Forgets the peaks, so the next {@link #max()} is of what follows. */
  void restart() {
    maxHeap.set(0);
    maxRss.set(-1);
  }

  @Override
  public void close() {
    sampler.interrupt();
  }

  private void sampleUntilClosed() {
    while (!Thread.currentThread().isInterrupted()) {
      record(Reading.now());
      samples.incrementAndGet();
      try {
        Thread.sleep(INTERVAL_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void record(Reading reading) {
    maxHeap.accumulateAndGet(reading.heapUsed(), Math::max);
    maxRss.accumulateAndGet(reading.rss(), Math::max);
  }

  /** VmRSS of this process in bytes; -1 where /proc is not there to read. */
  static long residentSetSize() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  static String mebibytes(long bytes) {
    return bytes < 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
  }
}
