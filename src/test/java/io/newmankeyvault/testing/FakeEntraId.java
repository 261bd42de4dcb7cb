package io.newmankeyvault.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft Entra ID's token endpoint over real TLS, reached as {@code
 * https://login.localhost:PORT} (see {@link TestTls}). It answers MSAL's client-credentials
 * requests the way Entra does: {@code POST /{tenant}/oauth2/v2.0/token} with a federated {@code
 * client_assertion} (a JWT whose issuer, subject and audience must match a federated credential
 * added with {@link #acceptFederated}; the signature is not checked) or a {@code client_secret}
 * added with {@link #acceptClientSecret}. Failures carry Entra's JSON shape and AADSTS codes. Every
 * request and every access token issued is recorded; tokens look like {@code at-CANARY-<hex>-END},
 * so leak checks can search for them.
 */
public final class FakeEntraId implements AutoCloseable {
  /** One request as the server saw it; {@code form} is the decoded form body (empty for a GET). */
  public record Request(
      String method, String path, String tenant, Map<String, String> form, int status) {}

  /** An access token this server issued, and to whom. */
  public record Issued(String token, String tenant, String clientId, String scope) {}

  /** A federated identity credential: the triple Entra compares with the assertion's claims. */
  public record Federated(String issuer, String subject, String audience) {}

  private static final Pattern TOKEN_PATH = Pattern.compile("/([^/]+)/oauth2/v2\\.0/token");
  private static final String ASSERTION_TYPE =
      "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  private final HttpsServer server;
  private final String tenantId;
  private final List<Federated> federated = new CopyOnWriteArrayList<>();
  private final Map<String, String> clientSecrets = new ConcurrentHashMap<>();
  private final Set<String> clientIds = ConcurrentHashMap.newKeySet();
  private final Map<String, Issued> issued = new ConcurrentHashMap<>();
  private final List<String> issuedInOrder = new CopyOnWriteArrayList<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Deque<Answer> failures = new ArrayDeque<>();
  private volatile int expiresIn = 3599;

  /** Starts on a fresh port; only {@code tenantId} exists, every other tenant is AADSTS90002. */
  public FakeEntraId(String tenantId) throws IOException {
    this.tenantId = tenantId;
    server = TestTls.newHttpsServer("fake-entra", 16);
    server.createContext("/", this::handle);
    server.start();
  }

  /** For {@code authorityHost(...)}: {@code https://login.localhost:PORT}, no trailing slash. */
  public String authorityHost() {
    return "https://login.localhost:" + port();
  }

  /**
   * The authority as Key Vault's challenge names it: {@code https://login.localhost:PORT/TENANT}.
   */
  public String authority() {
    return authorityHost() + "/" + tenantId;
  }

  public String tenantId() {
    return tenantId;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Accepts a client assertion with these claims ({@code iss}, {@code sub}, {@code aud}). */
  public FakeEntraId acceptFederated(String issuer, String subject, String audience) {
    federated.add(new Federated(issuer, subject, audience));
    return this;
  }

  /** Accepts {@code client_secret} for {@code clientId} (the {@code AZURE_CLIENT_SECRET} path). */
  public FakeEntraId acceptClientSecret(String clientId, String secret) {
    clientSecrets.put(clientId, secret);
    return this;
  }

  /**
   * Makes {@code client_id} matter: once any is registered, other ids get AADSTS700016 (application
   * not found in the directory). By default any client id is accepted.
   */
  public FakeEntraId registerClientId(String clientId) {
    clientIds.add(clientId);
    return this;
  }

  /** The {@code expires_in} of the tokens issued from now on (default 3599 s). */
  public FakeEntraId expiresIn(int seconds) {
    expiresIn = seconds;
    return this;
  }

  /** The next token request (after the recording) gets this answer instead, e.g. a 500. */
  public synchronized FakeEntraId failNext(int status, String body) {
    failures.add(new Answer(status, body));
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Every access token issued, in order. */
  public List<String> issuedTokens() {
    return List.copyOf(issuedInOrder);
  }

  /** Whether this server issued {@code token}. */
  public boolean isIssued(String token) {
    return token != null && issued.containsKey(token);
  }

  /**
   * What a token was issued for (its scope, e.g. {@code https://vault.localhost/.default}), if this
   * server issued it.
   */
  public Optional<Issued> issued(String token) {
    return token == null ? Optional.empty() : Optional.ofNullable(issued.get(token));
  }

  /** Issues a token outside the token endpoint (for {@link FakeManagedIdentityEndpoint}). */
  public String mint(String clientId, String scope) {
    String token = "at-CANARY-" + FakeHttp.randomHex(24) + "-END";
    issued.put(token, new Issued(token, tenantId, clientId, scope));
    issuedInOrder.add(token);
    return token;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      Matcher matcher = TOKEN_PATH.matcher(path);
      String tenant = matcher.matches() ? matcher.group(1) : null;
      Map<String, String> form =
          "POST".equals(method) ? FakeHttp.form(FakeHttp.body(exchange)) : Map.of();
      Answer answer;
      synchronized (this) {
        answer = tenant == null ? null : failures.poll();
      }
      if (answer == null) {
        answer =
            tenant == null || !"POST".equals(method) ? new Answer(404, "") : token(tenant, form);
      }
      requests.add(new Request(method, path, tenant, Map.copyOf(form), answer.status));
      FakeHttp.send(
          exchange, answer.status, Map.of("Cache-Control", "no-store, no-cache"), answer.body);
    } finally {
      exchange.close();
    }
  }

  private record Answer(int status, String body) {}

  private Answer token(String tenant, Map<String, String> form) {
    if (!tenantId.equals(tenant)) {
      return error(
          400,
          "invalid_request",
          90002,
          "Tenant '"
              + tenant
              + "' not found. Check to make sure you have the correct tenant ID and are signing into"
              + " the correct cloud. Check with your subscription administrator, this may happen if"
              + " there are no active subscriptions for the tenant.");
    }
    if (!"client_credentials".equals(form.get("grant_type"))) {
      return error(
          400,
          "unsupported_grant_type",
          70003,
          "The app requested an unsupported grant type '" + form.get("grant_type") + "'.");
    }
    String scope = form.get("scope");
    if (scope == null || scope.isBlank()) {
      return error(
          400,
          "invalid_request",
          900144,
          "The request body must contain the following parameter: 'scope'.");
    }
    String clientId = form.get("client_id");
    if (clientId == null || clientId.isBlank()) {
      return error(
          400,
          "invalid_request",
          900144,
          "The request body must contain the following parameter: 'client_id'.");
    }
    if (!clientIds.isEmpty() && !clientIds.contains(clientId)) {
      return error(
          400,
          "unauthorized_client",
          700016,
          "Application with identifier '"
              + clientId
              + "' was not found in the directory '"
              + tenant
              + "'. This can happen if the application has not been installed by the administrator"
              + " of the tenant or consented to by any user in the tenant. You may have sent your"
              + " authentication request to the wrong tenant.");
    }
    if (form.containsKey("client_assertion")) {
      if (!ASSERTION_TYPE.equals(form.get("client_assertion_type"))) {
        return error(
            400,
            "invalid_request",
            50027,
            "JWT token is invalid or malformed: unexpected client_assertion_type.");
      }
      Answer refused = checkAssertion(form.get("client_assertion"));
      if (refused != null) {
        return refused;
      }
    } else if (form.containsKey("client_secret")) {
      String expected = clientSecrets.get(clientId);
      if (expected == null || !expected.equals(form.get("client_secret"))) {
        return error(
            401,
            "invalid_client",
            7000215,
            "Invalid client secret provided. Ensure the secret being sent in the request is the"
                + " client secret value, not the client secret ID, for a secret added to app '"
                + clientId
                + "'.");
      }
    } else {
      return error(
          401,
          "invalid_client",
          7000218,
          "The request body must contain the following parameter: 'client_assertion' or"
              + " 'client_secret'.");
    }
    // MSAL adds "openid profile offline_access"; Entra ignores them for client credentials.
    String resourceScope = null;
    for (String one : scope.trim().split("\\s+")) {
      if (one.endsWith("/.default")) {
        resourceScope = one;
      }
    }
    if (resourceScope == null) {
      return error(
          400,
          "invalid_scope",
          1002012,
          "The provided value for scope "
              + scope
              + " is not valid. Client credential flows must"
              + " have a scope value with /.default suffixed to the resource identifier"
              + " (application ID URI).");
    }
    String token = mint(clientId, resourceScope);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token_type", "Bearer");
    body.put("expires_in", expiresIn);
    body.put("ext_expires_in", expiresIn);
    body.put("access_token", token);
    return new Answer(200, FakeHttp.json(body));
  }

  private Answer checkAssertion(String assertion) {
    Map<String, Object> claims = FakeHttp.claims(assertion);
    if (claims == null) {
      return error(400, "invalid_request", 50027, "JWT token is invalid or malformed.");
    }
    Object exp = claims.get("exp");
    if (exp instanceof Number n && n.longValue() < Instant.now().getEpochSecond()) {
      return error(
          400,
          "invalid_client",
          700024,
          "Client assertion is not within its valid time range. Current time: "
              + Instant.now()
              + ", assertion valid from "
              + Instant.ofEpochSecond(((Number) claims.getOrDefault("nbf", 0)).longValue())
              + ", expiry time of assertion "
              + Instant.ofEpochSecond(n.longValue())
              + ".");
    }
    String issuer = String.valueOf(claims.get("iss"));
    String subject = String.valueOf(claims.get("sub"));
    List<String> audiences = audiences(claims.get("aud"));
    List<Federated> sameIssuer = federated.stream().filter(f -> f.issuer().equals(issuer)).toList();
    if (sameIssuer.isEmpty()) {
      return error(
          400,
          "invalid_client",
          700211,
          "No matching federated identity record found for presented assertion issuer '"
              + issuer
              + "'. Please check your federated identity credential Subject, Audience and Issuer"
              + " against the presented assertion."
              + " https://learn.microsoft.com/entra/workload-id/workload-identity-federation");
    }
    List<Federated> sameSubject =
        sameIssuer.stream().filter(f -> f.subject().equals(subject)).toList();
    if (sameSubject.isEmpty()) {
      return error(
          400,
          "invalid_client",
          700213,
          "No matching federated identity record found for presented assertion subject '"
              + subject
              + "'. Please check your federated identity credential Subject, Audience and Issuer"
              + " against the presented assertion."
              + " https://learn.microsoft.com/entra/workload-id/workload-identity-federation");
    }
    if (sameSubject.stream().noneMatch(f -> audiences.contains(f.audience()))) {
      return error(
          400,
          "invalid_client",
          700212,
          "No matching federated identity record found for presented assertion audience '"
              + String.join(",", audiences)
              + "'. Please check your federated identity credential Subject, Audience and Issuer"
              + " against the presented assertion."
              + " https://learn.microsoft.com/entra/workload-id/workload-identity-federation");
    }
    return null;
  }

  private static List<String> audiences(Object aud) {
    if (aud instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return aud == null ? List.of() : List.of(String.valueOf(aud));
  }

  /** Entra's error shape: {@code AADSTSnnn: message Trace ID: … Correlation ID: … Timestamp: …}. */
  private static Answer error(int status, String error, int code, String message) {
    String traceId = UUID.randomUUID().toString();
    String correlationId = UUID.randomUUID().toString();
    String timestamp =
        Instant.now().toString().replace('T', ' ').replaceAll("\\.(\\d{3})\\d*Z$", ".$1Z");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put(
        "error_description",
        "AADSTS"
            + code
            + ": "
            + message
            + " Trace ID: "
            + traceId
            + " Correlation ID: "
            + correlationId
            + " Timestamp: "
            + timestamp);
    body.put("error_codes", List.of(code));
    body.put("timestamp", timestamp);
    body.put("trace_id", traceId);
    body.put("correlation_id", correlationId);
    body.put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
    return new Answer(status, FakeHttp.json(body));
  }

  @Override
  public void close() {
    TestTls.stop(server);
  }
}
