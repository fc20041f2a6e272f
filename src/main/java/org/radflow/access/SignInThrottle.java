package org.radflow.access;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed authentications per source address, each source with a resilience4j rate limiter of its
 * own: {@code failures} per {@code period}. A source that used them up is refused until its period
 * ends, whatever credentials it sends then, so guessing secrets or passwords is slow. Sources are
 * kept in a bounded map, least recently failing first out, so a spray of addresses cannot grow it.
 */
public final class SignInThrottle {

  /** How many failed authentications a source may have per period. */
  public record Limit(int failures, Duration period) {
    public static Limit defaults() {
      return new Limit(10, Duration.ofMinutes(1));
    }
  }

  private static final int MAX_SOURCES = 10_000;

  private final RateLimiterConfig config;
  private final Map<String, RateLimiter> sources =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RateLimiter> eldest) {
          return size() > MAX_SOURCES;
        }
      };

  public SignInThrottle(Limit limit) {
    this.config =
        RateLimiterConfig.custom()
            .limitForPeriod(limit.failures())
            .limitRefreshPeriod(limit.period())
            .timeoutDuration(Duration.ZERO)
            .build();
  }

  /** Counts a failed authentication from {@code source}. */
  public void failed(String source) {
    limiter(source).acquirePermission();
  }

  /** How long {@code source} must wait before it may try again, or empty when it may try now. */
  public Optional<Duration> wait(String source) {
    RateLimiter limiter;
    synchronized (sources) {
      limiter = sources.get(source);
    }
    if (limiter == null || limiter.getMetrics().getAvailablePermissions() > 0) {
      return Optional.empty();
    }
    // the limiters are made by RateLimiter.of, which makes the atomic kind: it knows its wait
    long nanos = ((AtomicRateLimiter) limiter).getDetailedMetrics().getNanosToWait();
    return Optional.of(Duration.ofNanos(Math.max(nanos, 1_000_000_000L)));
  }

  private RateLimiter limiter(String source) {
    synchronized (sources) {
      return sources.computeIfAbsent(source, s -> RateLimiter.of("sign-in " + s, config));
    }
  }
}
