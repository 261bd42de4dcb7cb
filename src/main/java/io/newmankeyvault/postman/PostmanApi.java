package io.newmankeyvault.postman;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.base.ExitCode;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.base.UserFacingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Downloads collections and environments from the Postman API with the JDK's HTTP client. The
 * key travels only in the {@code X-Api-Key} header; redirects are not followed, so it never goes
 * to another host. Errors are {@link UserFacingException}s with exit 3 that name the id, never
 * the key. Thread-safe: the collection and the environment are fetched concurrently.
 */
public final class PostmanApi {
  /** The public Postman API; EU-region teams use {@code https://api.eu.postman.com}. */
  public static final String DEFAULT_URL = "https://api.getpostman.com";

  private final URI base;
  private final PostmanApiKey key;
  private final Consumer<String> notices;
  private final RetryPolicy policy;
  private final String userAgent;
  private final HttpClient client;

  /**
   * @param base the API's base URL, checked by {@link #checkBaseUrl}
   * @param key the API key
   * @param notices where retry notices go (one line each)
   * @param policy the retry policy
   * @param version the tool's version, for the User-Agent
   */
  public PostmanApi(
      URI base, PostmanApiKey key, Consumer<String> notices, RetryPolicy policy, String version) {
    this.base = base;
    this.key = key;
    this.notices = notices;
    this.policy = policy;
    this.userAgent = "newman-keyvault/" + version;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * The base URL as a URI: https, or http to a loopback host only (a local fake or proxy); a
   * trailing slash is dropped. Anything else is a usage error.
   */
  public static URI checkBaseUrl(String url) {
    URI uri;
    try {
      uri = URI.create(url.strip().replaceAll("/+$", ""));
    } catch (IllegalArgumentException e) {
      throw UserFacingException.usage("--postman-api-url '" + url + "' is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw UserFacingException.usage(
          "--postman-api-url '" + url + "' must be an https URL, e.g. " + DEFAULT_URL);
    }
    if (uri.getQuery() != null || uri.getUserInfo() != null || uri.getFragment() != null) {
      throw UserFacingException.usage(
          "--postman-api-url must not carry a query, credentials or a fragment");
    }
    if (scheme.equals("http") && !isLoopback(uri.getHost())) {
      throw UserFacingException.usage(
          "--postman-api-url uses plain http to "
              + uri.getHost()
              + ": the API key would cross the network unencrypted; use https (http is allowed"
              + " only for loopback hosts)");
    }
    return uri;
  }

  private static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    if (!h.matches("[0-9.]+|\\[[0-9a-f:]+\\]")) {
      return false; // a name: resolving it would ask DNS
    }
    try {
      return InetAddress.getByName(h.replace("[", "").replace("]", "")).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * Streams a collection to {@code target} (it can be tens of MB of saved responses) and returns
   * the path. The file holds the API's answer as is ({@code {"collection":...}}), which both
   * {@link CollectionFile} and Newman accept.
   */
  public Path downloadCollection(String id, Path target) {
    Answer answer = get("collection", id, "/collections/", target);
    return answer.file();
  }

  /** Downloads an environment and returns it unwrapped and checked. */
  public ObjectNode downloadEnvironment(String id) {
    Answer answer = get("environment", id, "/environments/", null);
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(answer.body());
    } catch (IOException e) {
      throw new UserFacingException(
          ExitCode.POSTMAN, "the Postman API's answer for environment " + id + " is not JSON");
    }
    return EnvironmentFile.check(EnvironmentFile.unwrap(root), "environment " + id + " from the Postman API");
  }

  /** A 200 answer: its body in memory, or in a file when one was asked for. */
  private record Answer(int status, byte[] body, Path file, HttpHeaders headers) {}

  private Answer get(String kind, String id, String path, Path target) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path + id))
            .timeout(policy.attemptTimeout())
            .header("X-Api-Key", key.value())
            .header("Accept", "application/json")
            .header("User-Agent", userAgent)
            .GET()
            .build();
    Instant deadline = Instant.now().plus(policy.deadline());
    String what = kind + " " + id;
    for (int attempt = 1; ; attempt++) {
      boolean last = attempt >= policy.maxAttempts();
      Duration wait;
      String reason;
      try {
        HttpResponse<Answer> response = client.send(request, handler(target));
        Answer answer = response.body();
        if (answer.status() == 200) {
          return answer;
        }
        PostmanApiError error = PostmanApiError.parse(answer.body());
        if (error.isQuotaExhausted()) {
          throw failure(
              "the Postman API's monthly request quota is used up (serviceLimitExhausted) while"
                  + " fetching "
                  + what
                  + ": retrying cannot help until it resets; pass the "
                  + kind
                  + " as a file meanwhile");
        }
        if (answer.status() == 429) {
          wait = retryAfter(answer.headers()).orElseGet(() -> policy.backoff(policy.maxAttempts()));
          reason = "rate limit reached (429)";
          if (wait.compareTo(policy.retryAfterCap()) > 0) {
            notices.accept(
                "the Postman API asked to wait "
                    + wait.toSeconds()
                    + " s; waiting at most "
                    + policy.retryAfterCap().toSeconds()
                    + " s");
            wait = policy.retryAfterCap();
          }
        } else if (answer.status() >= 500) {
          wait = policy.backoff(attempt);
          reason = "server error " + answer.status();
        } else {
          throw failure(describe(answer.status(), error, kind, id));
        }
      } catch (HttpConnectTimeoutException e) {
        wait = policy.backoff(attempt);
        reason = "connection timed out";
      } catch (HttpTimeoutException e) {
        wait = policy.backoff(attempt);
        reason = "no answer within " + policy.attemptTimeout().toSeconds() + " s";
      } catch (IOException e) {
        wait = policy.backoff(attempt);
        reason = networkReason(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure("interrupted while fetching " + what);
      }
      if (last || Instant.now().plus(wait).isAfter(deadline)) {
        throw failure(
            "could not fetch "
                + what
                + " from the Postman API at "
                + base.getHost()
                + ": "
                + reason
                + " ("
                + attempt
                + (attempt == 1 ? " attempt" : " attempts")
                + "); try again later, and check --postman-api-url and the network");
      }
      notices.accept(
          "Postman API: "
              + reason
              + " for "
              + what
              + "; retrying in "
              + String.format(Locale.ROOT, "%.1f", wait.toMillis() / 1000.0)
              + " s (attempt "
              + (attempt + 1)
              + " of "
              + policy.maxAttempts()
              + ")");
      sleep(wait);
    }
  }

  private static String describe(int status, PostmanApiError error, String kind, String id) {
    String what = kind + " " + id;
    if (status == 401) {
      return "the Postman API rejected the API key (401"
          + error.nameSuffix()
          + ") while fetching "
          + what
          + ": check that POSTMAN_API_KEY (or --postman-api-key-file) holds a valid, unexpired key";
    }
    if (status == 403) {
      return "the Postman API denied access to "
          + what
          + " (403"
          + error.nameSuffix()
          + "): the key's user needs access to that "
          + kind;
    }
    if (status == 404 || (status == 400 && error.isNotFound())) {
      return kind
          + " "
          + id
          + " was not found in Postman ("
          + status
          + error.nameSuffix()
          + "): check the id, and that the key's user can see the "
          + kind;
    }
    if (status >= 300 && status < 400) {
      return "the Postman API answered "
          + status
          + " (a redirect) for "
          + what
          + ": redirects are not followed, so the key stays with "
          + "--postman-api-url; check that URL";
    }
    return "the Postman API answered "
        + status
        + error.nameSuffix()
        + " for "
        + what
        + (error.message().isEmpty() ? "" : ": " + error.message());
  }

  private static String networkReason(IOException e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    if (cause instanceof UnknownHostException) {
      return "host not found (DNS)";
    }
    if (cause instanceof ConnectException || e instanceof ConnectException) {
      return "connection refused";
    }
    if (cause instanceof javax.net.ssl.SSLException) {
      return "TLS handshake failed (" + cause.getClass().getSimpleName() + ")";
    }
    return "network error (" + e.getClass().getSimpleName() + ")";
  }

  /** {@code Retry-After} in seconds or as an HTTP date, else {@code X-RateLimit-RetryAfter}. */
  static java.util.Optional<Duration> retryAfter(HttpHeaders headers) {
    for (String name : new String[] {"Retry-After", "X-RateLimit-RetryAfter"}) {
      java.util.Optional<String> value = headers.firstValue(name);
      if (value.isEmpty()) {
        continue;
      }
      OptionalLong seconds = seconds(value.get().strip());
      if (seconds.isPresent()) {
        return java.util.Optional.of(Duration.ofSeconds(Math.max(0, seconds.getAsLong())));
      }
    }
    return java.util.Optional.empty();
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

  /**
   * A 200 answer goes to the target file when there is one (streamed, never held whole); any
   * other answer is kept in memory to read the error.
   */
  private static BodyHandler<Answer> handler(Path target) {
    return info -> {
      if (info.statusCode() == 200 && target != null) {
        return BodySubscribers.mapping(
            BodySubscribers.ofFile(
                target,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING),
            file -> new Answer(200, new byte[0], file, info.headers()));
      }
      return BodySubscribers.mapping(
          BodySubscribers.ofByteArray(),
          bytes -> new Answer(info.statusCode(), bytes, null, info.headers()));
    };
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("interrupted while waiting to retry the Postman API");
    }
  }

  private static UserFacingException failure(String message) {
    return new UserFacingException(ExitCode.POSTMAN, message);
  }
}
