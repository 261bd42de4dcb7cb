package io.newmankeyvault.postman;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.base.FailureKind;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.network.Proxies;
import io.newmankeyvault.network.TlsFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Downloads collections and environments from the Postman API with the JDK's HTTP client. The key
 * travels only in the {@code X-Api-Key} header; redirects are not followed, so it never goes to
 * another host. Errors are {@link UserFacingException}s with exit 3 that name the id, never the
 * key. Thread-safe: the collection and the environment are fetched concurrently.
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
  private final Proxies proxies;

  /**
   * @param base the API's base URL, checked by {@link PostmanApiUrl#check}
   * @param key the API key
   * @param proxies the proxies the API is reached through
   * @param notices where retry notices go (one line each)
   * @param policy the retry policy
   * @param version the tool's version, for the User-Agent
   */
  public PostmanApi(
      URI base,
      PostmanApiKey key,
      Proxies proxies,
      Consumer<String> notices,
      RetryPolicy policy,
      String version) {
    this.base = base;
    this.key = key;
    this.notices = notices;
    this.policy = policy;
    this.userAgent = "newman-keyvault/" + version;
    this.proxies = proxies;
    this.client =
        proxies
            .configure(HttpClient.newBuilder())
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Streams a collection to {@code target} (it can be tens of MB of saved responses) and returns
   * the path. The file holds the API's answer as is ({@code {"collection":...}}), which both {@link
   * CollectionFile} and Newman accept.
   */
  public Path downloadCollection(String id, Path target) {
    Answer answer = get("collection", id, "/collections/", target, null);
    return answer.file();
  }

  /**
   * A conditional download (for {@code fetch}): what {@link #download} found.
   *
   * @param unchanged whether the API answered 304 Not Modified to the ETag given (nothing was
   *     written)
   * @param etag the answer's ETag, or null when it sent none
   */
  public record Download(boolean unchanged, String etag) {}

  /**
   * Downloads a collection or an environment as the API answers it to {@code target}, unless it
   * still has {@code etag} (sent as {@code If-None-Match}; null for an unconditional download).
   *
   * @param kind "collection" or "environment"
   */
  public Download download(String kind, String id, Path target, String etag) {
    Answer answer = get(kind, id, "/" + kind + "s/", target, etag);
    return new Download(answer.status() == 304, answer.headers().firstValue("ETag").orElse(null));
  }

  /** Downloads an environment and returns it unwrapped and checked. */
  public ObjectNode downloadEnvironment(String id) {
    Answer answer = get("environment", id, "/environments/", null, null);
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(answer.body());
    } catch (IOException e) {
      throw new UserFacingException(
          FailureKind.POSTMAN, "the Postman API's answer for environment " + id + " is not JSON");
    }
    return EnvironmentFile.check(
        EnvironmentFile.unwrap(root), "environment " + id + " from the Postman API");
  }

  /** A 200 answer: its body in memory, or in a file when one was asked for. */
  @SuppressWarnings("ArrayRecordComponent") // never compared; a body is not copied
  private record Answer(int status, byte[] body, Path file, HttpHeaders headers) {}

  private Answer get(String kind, String id, String path, Path target, String etag) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path + id))
            .timeout(policy.attemptTimeout())
            .header("X-Api-Key", key.value())
            .header("Accept", "application/json")
            .header("User-Agent", userAgent)
            .GET();
    if (etag != null) {
      builder.header("If-None-Match", etag);
    }
    HttpRequest request = builder.build();
    String what = kind + " " + id;
    return policy.run(
        attempt -> tryOnce(request, target, kind, id, attempt),
        (reason, wait, next) ->
            notices.accept(
                "Postman API: "
                    + reason
                    + " for "
                    + what
                    + "; retrying in "
                    + String.format(Locale.ROOT, "%.1f", wait.toMillis() / 1000.0)
                    + " s (attempt "
                    + next
                    + " of "
                    + policy.maxAttempts()
                    + ")"),
        (reason, attempts) ->
            failure(
                "could not fetch "
                    + what
                    + " from the Postman API at "
                    + base.getHost()
                    + proxies.through(base)
                    + ": "
                    + reason
                    + " ("
                    + attempts
                    + (attempts == 1 ? " attempt" : " attempts")
                    + "); try again later, and check --postman-api-url and the network"));
  }

  /** One request: the answer, a failure worth another try, or a failure thrown at once. */
  private RetryPolicy.Outcome<Answer> tryOnce(
      HttpRequest request, Path target, String kind, String id, int attempt) {
    try {
      Answer answer = client.send(proxies.authorized(request), handler(target)).body();
      // 304 only answers an If-None-Match (a conditional download): the file is unchanged.
      if (answer.status() == 200
          || (answer.status() == 304
              && request.headers().firstValue("If-None-Match").isPresent())) {
        return new RetryPolicy.Outcome.Done<>(answer);
      }
      PostmanApiError error = PostmanApiError.parse(answer.body());
      if (error.isQuotaExhausted()) {
        throw failure(
            "the Postman API's monthly request quota is used up (serviceLimitExhausted) while"
                + " fetching "
                + kind
                + " "
                + id
                + ": retrying cannot help until it resets; pass the "
                + kind
                + " as a file meanwhile");
      }
      if (answer.status() == 407) {
        throw failure(
            proxies.refusal(request.uri()).orElse("a proxy asked for credentials (407)")
                + " (while fetching "
                + kind
                + " "
                + id
                + ")");
      }
      if (answer.status() == 429) {
        Duration wait =
            RetryAfter.of(answer.headers()).orElseGet(() -> policy.backoff(policy.maxAttempts()));
        if (wait.compareTo(policy.retryAfterCap()) > 0) {
          notices.accept(
              "the Postman API asked to wait "
                  + wait.toSeconds()
                  + " s; waiting at most "
                  + policy.retryAfterCap().toSeconds()
                  + " s");
          wait = policy.retryAfterCap();
        }
        return new RetryPolicy.Outcome.Again<>("rate limit reached (429)", wait);
      }
      if (answer.status() >= 500) {
        return new RetryPolicy.Outcome.Again<>(
            "server error " + answer.status(), policy.backoff(attempt));
      }
      throw failure(error.explain(answer.status(), kind, id));
    } catch (HttpConnectTimeoutException e) {
      return new RetryPolicy.Outcome.Again<>("connection timed out", policy.backoff(attempt));
    } catch (HttpTimeoutException e) {
      return new RetryPolicy.Outcome.Again<>(
          "no answer within " + policy.attemptTimeout().toSeconds() + " s",
          policy.backoff(attempt));
    } catch (IOException e) {
      // An untrusted certificate or refused proxy credentials do not heal with a retry.
      Optional<String> lasting =
          TlsFailure.describe(e, request.uri().getAuthority())
              .or(() -> proxies.refusal(e, request.uri()));
      if (lasting.isPresent()) {
        throw failure(lasting.get() + " (while fetching " + kind + " " + id + ")");
      }
      return new RetryPolicy.Outcome.Again<>(networkReason(e), policy.backoff(attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("interrupted while fetching " + kind + " " + id);
    }
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
    return "network error (" + e.getClass().getSimpleName() + ")";
  }

  /**
   * A 200 answer goes to the target file when there is one (streamed, never held whole); any other
   * answer is kept in memory to read the error.
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

  private static UserFacingException failure(String message) {
    return new UserFacingException(FailureKind.POSTMAN, message);
  }
}
