package io.newmankeyvault.postman;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the Postman client retries: a bounded number of attempts inside an overall deadline;
 * exponential backoff with jitter for 5xx and connection failures; the server's own wait for
 * 429, capped.
 *
 * @param maxAttempts attempts per request, the first included
 * @param baseDelay the first backoff
 * @param maxDelay the longest backoff
 * @param retryAfterCap the longest wait a 429 may ask for
 * @param attemptTimeout how long one attempt may wait for the answer's headers
 * @param deadline how long all attempts of one request may take together
 */
public record RetryPolicy(
    int maxAttempts,
    Duration baseDelay,
    Duration maxDelay,
    Duration retryAfterCap,
    Duration attemptTimeout,
    Duration deadline) {

  /** The production policy: 5 attempts, 0.5 s to 8 s backoff, 429 waits of at most 60 s, 3 min. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(
          5,
          Duration.ofMillis(500),
          Duration.ofSeconds(8),
          Duration.ofSeconds(60),
          Duration.ofSeconds(60),
          Duration.ofMinutes(3));

  /** The backoff before attempt {@code attempt + 1}: doubling, with "equal jitter". */
  Duration backoff(int attempt) {
    long full = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
    long half = full / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
  }
}
