package io.newmankeyvault.keyvault;

import com.fasterxml.jackson.databind.JsonNode;
import io.newmankeyvault.base.FailureKind;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.network.Proxies;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Fetches CI OIDC tokens (the JWTs that federated credentials trust) with the JDK's HTTP client.
 * Every token and request token is a protected value: handed to {@code protect} before use.
 */
final class OidcTokens {
  /** GitHub's tokens live about 5 minutes; reuse one for at most this long. */
  static final Duration GITHUB_REUSE = Duration.ofMinutes(4);

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private OidcTokens() {}

  /**
   * A supplier of GitHub Actions ID tokens for a {@code ClientAssertionCredential}: it fetches
   * lazily (on the first sign-in), reuses a token for at most {@link #GITHUB_REUSE} and never past
   * a minute before it expires. Thread-safe. The last token fetched is kept for error messages.
   */
  static final class GitHub implements Supplier<String> {
    private final URI requestUrl;
    private final String requestToken;
    private final Consumer<String> protect;
    private final Proxies proxies;
    private String token;
    private Instant reuseUntil = Instant.MIN;

    /**
     * @param requestUrl {@code ACTIONS_ID_TOKEN_REQUEST_URL}: it already has a query string
     * @param requestToken {@code ACTIONS_ID_TOKEN_REQUEST_TOKEN}
     * @param audience the audience to ask for, e.g. {@code api://AzureADTokenExchange}
     * @param proxies the proxies the endpoint is reached through
     */
    GitHub(
        String requestUrl,
        String requestToken,
        String audience,
        Consumer<String> protect,
        Proxies proxies) {
      String separator = requestUrl.contains("?") ? "&" : "?";
      this.requestUrl =
          URI.create(
              requestUrl
                  + separator
                  + "audience="
                  + URLEncoder.encode(audience, StandardCharsets.UTF_8));
      this.requestToken = requestToken;
      this.protect = protect;
      this.proxies = proxies;
    }

    @Override
    public synchronized String get() {
      Instant now = Instant.now();
      if (token != null && now.isBefore(reuseUntil)) {
        return token;
      }
      JsonNode answer =
          send(
              HttpRequest.newBuilder(requestUrl)
                  .timeout(TIMEOUT)
                  .header("Authorization", "Bearer " + requestToken)
                  .header("Accept", "application/json")
                  .GET()
                  .build(),
              "GitHub Actions' OIDC token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL)",
              proxies);
      String fetched = answer.path("value").asText("");
      if (fetched.isEmpty()) {
        throw signInFailure(
            "GitHub Actions' OIDC token endpoint answered without a token: check that the job has"
                + " 'permissions: id-token: write'");
      }
      protect.accept(fetched);
      token = fetched;
      Instant reuse = now.plus(GITHUB_REUSE);
      Instant expires = Jwt.parse(fetched).map(Jwt::expires).orElse(null);
      if (expires != null && expires.minusSeconds(60).isBefore(reuse)) {
        reuse = expires.minusSeconds(60);
      }
      reuseUntil = reuse;
      return token;
    }

    /** The last token fetched, for explaining a rejected one; null before the first. */
    synchronized String lastToken() {
      return token;
    }
  }

  /**
   * Fetches an Azure Pipelines OIDC token the way {@code AzurePipelinesCredential} does: only to
   * read its claims when Entra ID rejected it.
   */
  static String azurePipelines(
      String requestUri,
      String accessToken,
      String serviceConnectionId,
      Consumer<String> protect,
      Proxies proxies) {
    String separator = requestUri.contains("?") ? "&" : "?";
    URI uri =
        URI.create(
            requestUri
                + separator
                + "api-version=7.1&serviceConnectionId="
                + URLEncoder.encode(serviceConnectionId, StandardCharsets.UTF_8));
    JsonNode answer =
        send(
            HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + accessToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            "Azure Pipelines' OIDC endpoint (SYSTEM_OIDCREQUESTURI)",
            proxies);
    String token = answer.path("oidcToken").asText("");
    protect.accept(token);
    return token;
  }

  private static JsonNode send(HttpRequest request, String endpoint, Proxies proxies) {
    HttpResponse<byte[]> response;
    try {
      response =
          proxies
              .configure(HttpClient.newBuilder())
              .connectTimeout(TIMEOUT)
              .build()
              .send(proxies.authorized(request), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw signInFailure(
          proxies
              .refusal(e, request.uri())
              .orElse(
                  "could not reach "
                      + endpoint
                      + proxies.through(request.uri())
                      + " ("
                      + e.getClass().getSimpleName()
                      + ")"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw signInFailure("interrupted while asking " + endpoint + " for a token");
    }
    if (response.statusCode() == 407) {
      throw signInFailure(proxies.refusal(request.uri()).orElse("a proxy asked for credentials"));
    }
    if (response.statusCode() != 200) {
      throw signInFailure(
          endpoint
              + " answered "
              + response.statusCode()
              + ": the request token may have expired, or the job lacks the permission to ask for"
              + " OIDC tokens");
    }
    try {
      return Json.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw signInFailure(endpoint + " did not answer JSON");
    }
  }

  static UserFacingException signInFailure(String message) {
    return new UserFacingException(FailureKind.SECRETS, "Azure sign-in failed: " + message);
  }
}
