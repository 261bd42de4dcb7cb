package io.newmankeyvault.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The two CI OIDC token services on plain http (127.0.0.1, a fresh port):
 *
 * <ul>
 *   <li>GitHub Actions: {@code GET /token?api-version=2.0&audience=AUD} with {@code Authorization:
 *       Bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN} answers {@code {"value":"<jwt>"}}; {@link
 *       #githubRequestUrl()} is {@code ACTIONS_ID_TOKEN_REQUEST_URL} (it already has a query
 *       string) and {@link #githubRequestToken()} is {@code ACTIONS_ID_TOKEN_REQUEST_TOKEN}.
 *   <li>Azure Pipelines: {@code POST /oidc?api-version=7.1&serviceConnectionId=ID} with {@code
 *       Authorization: Bearer $SYSTEM_ACCESSTOKEN} answers {@code {"oidcToken":"<jwt>"}}; {@link
 *       #pipelinesRequestUri()} is {@code SYSTEM_OIDCREQUESTURI}.
 * </ul>
 *
 * <p>The JWTs are well-formed (header.payload.signature, base64url) with {@code iss}, {@code sub},
 * {@code aud}, {@code iat}, {@code nbf}, {@code exp} (5 minutes, as GitHub's) and a random
 * signature that nothing checks. A wrong or missing bearer gets 401. Requests and every JWT issued
 * are recorded: the JWTs and both request tokens are protected values that must never leak.
 */
public final class FakeOidcIssuer implements AutoCloseable {
  public static final String GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
  public static final String EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";

  /** One request as the server saw it; {@code query} decoded, {@code authorization} raw. */
  public record Request(
      String method, String path, Map<String, String> query, String authorization, int status) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<String> issued = new CopyOnWriteArrayList<>();
  private volatile String githubRequestToken = "ghs-CANARY-" + FakeHttp.randomHex(16) + "-END";
  private volatile String githubSubject = "repo:acme/api-tests:ref:refs/heads/main";
  private volatile String pipelinesAccessToken = "sat-CANARY-" + FakeHttp.randomHex(16) + "-END";
  private volatile String pipelinesOrganizationId = "8a1e7b7e-4d52-4b8a-9a3c-0f6a7b1c2d3e";
  private volatile String pipelinesSubject = "sc://acme/project/connection";
  private volatile String serviceConnectionId = "11111111-2222-3333-4444-555555555555";
  private volatile long lifetimeSeconds = 300;

  public FakeOidcIssuer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(FakeHttp.LOOPBACK, 0), 64);
    server.setExecutor(TestTls.pool("fake-oidc", 8));
    server.createContext("/", this::handle);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code ACTIONS_ID_TOKEN_REQUEST_URL}: {@code http://127.0.0.1:PORT/token?api-version=2.0}. */
  public String githubRequestUrl() {
    return "http://127.0.0.1:" + port() + "/token?api-version=2.0";
  }

  /** {@code ACTIONS_ID_TOKEN_REQUEST_TOKEN}: the bearer the GitHub endpoint accepts. */
  public String githubRequestToken() {
    return githubRequestToken;
  }

  public FakeOidcIssuer githubRequestToken(String token) {
    githubRequestToken = token;
    return this;
  }

  /** The {@code sub} of GitHub JWTs (default {@code repo:acme/api-tests:ref:refs/heads/main}). */
  public FakeOidcIssuer githubSubject(String subject) {
    githubSubject = subject;
    return this;
  }

  public String githubSubject() {
    return githubSubject;
  }

  /** {@code SYSTEM_OIDCREQUESTURI}: {@code http://127.0.0.1:PORT/oidc}. */
  public String pipelinesRequestUri() {
    return "http://127.0.0.1:" + port() + "/oidc";
  }

  /** {@code SYSTEM_ACCESSTOKEN}: the bearer the Pipelines endpoint accepts. */
  public String pipelinesAccessToken() {
    return pipelinesAccessToken;
  }

  public FakeOidcIssuer pipelinesAccessToken(String token) {
    pipelinesAccessToken = token;
    return this;
  }

  /** The {@code iss} of Pipelines JWTs: {@code https://vstoken.dev.azure.com/<organization id>}. */
  public String pipelinesIssuer() {
    return "https://vstoken.dev.azure.com/" + pipelinesOrganizationId;
  }

  public FakeOidcIssuer pipelinesOrganizationId(String organizationId) {
    pipelinesOrganizationId = organizationId;
    return this;
  }

  /** The {@code sub} of Pipelines JWTs (default {@code sc://acme/project/connection}). */
  public FakeOidcIssuer pipelinesSubject(String subject) {
    pipelinesSubject = subject;
    return this;
  }

  public String pipelinesSubject() {
    return pipelinesSubject;
  }

  /** The only service connection id the Pipelines endpoint knows (others get 404). */
  public String serviceConnectionId() {
    return serviceConnectionId;
  }

  public FakeOidcIssuer serviceConnectionId(String id) {
    serviceConnectionId = id;
    return this;
  }

  /** Lifetime of the JWTs issued from now on (default 300 s); negative makes expired ones. */
  public FakeOidcIssuer lifetime(long seconds) {
    lifetimeSeconds = seconds;
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Every JWT issued, in order (protected values). */
  public List<String> issuedJwts() {
    return List.copyOf(issued);
  }

  /** The claims of a JWT (payload decoded, signature ignored); null if it is not a JWT. */
  public static Map<String, Object> claims(String jwt) {
    return FakeHttp.claims(jwt);
  }

  /** A JWT with these claims, shaped as the issuers' (for tests that need one directly). */
  public static String jwt(Map<String, Object> claims) {
    return FakeHttp.jwt(claims);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      Map<String, String> query = FakeHttp.form(exchange.getRequestURI().getRawQuery());
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      exchange.getRequestBody().readAllBytes();
      int status;
      String body;
      if (path.equals("/token") && method.equals("GET")) {
        if (!("Bearer " + githubRequestToken).equals(authorization)) {
          status = 401;
          body = "{\"message\":\"Bad credentials\"}";
        } else if (!"2.0".equals(query.get("api-version"))) {
          status = 400;
          body = "{\"message\":\"api-version 2.0 is required\"}";
        } else {
          String audience = query.getOrDefault("audience", "https://github.com/acme");
          status = 200;
          body = FakeHttp.json(Map.of("value", issue(GITHUB_ISSUER, githubSubject, audience)));
        }
      } else if (path.equals("/oidc") && method.equals("POST")) {
        if (!("Bearer " + pipelinesAccessToken).equals(authorization)) {
          status = 401;
          body = "";
        } else if (!query.containsKey("api-version")) {
          status = 400;
          body = "{\"message\":\"No api-version was supplied for the POST request.\"}";
        } else if (!serviceConnectionId.equals(query.get("serviceConnectionId"))) {
          status = 404;
          body =
              "{\"message\":\"Service connection '"
                  + query.get("serviceConnectionId")
                  + "' was not found.\",\"typeKey\":\"ServiceEndpointNotFoundException\"}";
        } else {
          status = 200;
          body =
              FakeHttp.json(
                  Map.of(
                      "oidcToken", issue(pipelinesIssuer(), pipelinesSubject, EXCHANGE_AUDIENCE)));
        }
      } else {
        status = 404;
        body = "";
      }
      requests.add(new Request(method, path, Map.copyOf(query), authorization, status));
      FakeHttp.send(exchange, status, Map.of(), body);
    } finally {
      exchange.close();
    }
  }

  private String issue(String issuer, String subject, String audience) {
    long now = Instant.now().getEpochSecond();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("jti", java.util.UUID.randomUUID().toString());
    claims.put("sub", subject);
    claims.put("aud", audience);
    claims.put("iss", issuer);
    claims.put("nbf", now - 5);
    claims.put("iat", now - 5);
    claims.put("exp", now + lifetimeSeconds);
    String jwt = FakeHttp.jwt(claims);
    issued.add(jwt);
    return jwt;
  }

  @Override
  public void close() {
    TestTls.stop(server);
  }
}
