package io.newmankeyvault.postman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final RetryPolicy FAST =
      new RetryPolicy(
          3,
          Duration.ofMillis(1),
          Duration.ofMillis(2),
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofSeconds(10));

  private final List<String> notices = new ArrayList<>();

  private RuntimeException giveUp(String reason, int attempts) {
    return new IllegalStateException(reason + " after " + attempts);
  }

  @Test
  void triesAgainUntilATryIsDone() {
    String result =
        FAST.run(
            attempt ->
                attempt < 3
                    ? new RetryPolicy.Outcome.Again<>("busy " + attempt, Duration.ofMillis(1))
                    : new RetryPolicy.Outcome.Done<>("ok"),
            (reason, wait, next) -> notices.add(reason + " -> " + next),
            this::giveUp);
    assertThat(result).isEqualTo("ok");
    assertThat(notices).containsExactly("busy 1 -> 2", "busy 2 -> 3");
  }

  @Test
  void givesUpWhenTheAttemptsAreUsedUp() {
    assertThatThrownBy(
            () ->
                FAST.run(
                    attempt -> new RetryPolicy.Outcome.Again<String>("busy", Duration.ofMillis(1)),
                    (r, w, n) -> notices.add(r),
                    this::giveUp))
        .hasMessage("busy after 3");
    assertThat(notices).hasSize(2);
  }

  @Test
  void givesUpAtOnceWhenTheWaitWouldPassTheDeadline() {
    assertThatThrownBy(
            () ->
                FAST.run(
                    attempt -> new RetryPolicy.Outcome.Again<String>("slow", Duration.ofMinutes(1)),
                    (r, w, n) -> notices.add(r),
                    this::giveUp))
        .hasMessage("slow after 1");
    assertThat(notices).isEmpty();
  }

  @Test
  void aTryThatThrowsEndsTheTries() {
    List<Integer> attempts = new ArrayList<>();
    assertThatThrownBy(
            () ->
                FAST.run(
                    attempt -> {
                      attempts.add(attempt);
                      throw new IllegalArgumentException("refused for good");
                    },
                    (r, w, n) -> notices.add(r),
                    this::giveUp))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(attempts).containsExactly(1);
  }

  @Test
  void backoffDoublesWithJitterUpToTheMaximum() {
    RetryPolicy policy = RetryPolicy.DEFAULT;
    assertThat(policy.backoff(1)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    assertThat(policy.backoff(2)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
    assertThat(policy.backoff(30)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
  }
}
