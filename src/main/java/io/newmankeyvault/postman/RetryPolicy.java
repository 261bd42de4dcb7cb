package io.newmankeyvault.postman;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * How the Postman client retries, and the loop that does it ({@link #run}): a bounded number of
 * attempts inside an overall deadline; exponential backoff with jitter for 5xx and connection
 * failures; the server's own wait for 429, capped. Immutable and thread-safe.
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

  /** What one try gave: a result, or why to try again and after how long. */
  public sealed interface Outcome<T> {
    /** The result. */
    record Done<T>(T result) implements Outcome<T> {}

    /**
     * A failure that may pass: {@code reason} for the notices, {@code delay} before the next try.
     */
    record Again<T>(String reason, Duration delay) implements Outcome<T> {}
  }

  /**
   * Told before each wait: the reason of the failed try, the wait, and the next attempt's number.
   */
  @FunctionalInterface
  public interface Notice {
    void retrying(String reason, Duration wait, int nextAttempt);
  }

  /** Makes the failure thrown when the tries are over: the last reason and the attempts made. */
  @FunctionalInterface
  public interface GiveUp {
    RuntimeException after(String reason, int attempts);
  }

  /**
   * Tries until a try is done, the attempts are used up or the next wait would pass the deadline
   * (then {@code giveUp}'s failure is thrown). A try may also throw, which ends the tries at once.
   *
   * @param tryOnce one try, given its attempt number (from 1)
   */
  public <T> T run(IntFunction<Outcome<T>> tryOnce, Notice notice, GiveUp giveUp) {
    Instant deadline = Instant.now().plus(this.deadline);
    for (int attempt = 1; ; attempt++) {
      Outcome<T> outcome = tryOnce.apply(attempt);
      if (outcome instanceof Outcome.Done<T> done) {
        return done.result();
      }
      Outcome.Again<T> again = (Outcome.Again<T>) outcome;
      if (attempt >= maxAttempts || Instant.now().plus(again.delay()).isAfter(deadline)) {
        throw giveUp.after(again.reason(), attempt);
      }
      notice.retrying(again.reason(), again.delay(), attempt + 1);
      try {
        Thread.sleep(again.delay().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw giveUp.after("interrupted while waiting to retry", attempt);
      }
    }
  }

  /** The backoff before attempt {@code attempt + 1}: doubling, with "equal jitter". */
  Duration backoff(int attempt) {
    long full = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
    long half = full / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
  }
}
