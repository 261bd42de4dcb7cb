package io.newmankeyvault.postman;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;

/** How long the Postman API asks a client to wait before it asks again. */
final class RetryAfter {
  private RetryAfter() {}

  /** {@code Retry-After} in seconds or as an HTTP date, else {@code X-RateLimit-RetryAfter}. */
  static Optional<Duration> of(HttpHeaders headers) {
    for (String name : new String[] {"Retry-After", "X-RateLimit-RetryAfter"}) {
      Optional<String> value = headers.firstValue(name);
      if (value.isEmpty()) {
        continue;
      }
      OptionalLong seconds = seconds(value.get().strip());
      if (seconds.isPresent()) {
        return Optional.of(Duration.ofSeconds(Math.max(0, seconds.getAsLong())));
      }
    }
    return Optional.empty();
  }

  private static OptionalLong seconds(String value) {
    if (value.matches("[0-9]{1,9}")) {
      return OptionalLong.of(Long.parseLong(value));
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
      return OptionalLong.of(Duration.between(Instant.now(), at.toInstant()).toSeconds());
    } catch (DateTimeParseException e) {
      return OptionalLong.empty();
    }
  }
}
