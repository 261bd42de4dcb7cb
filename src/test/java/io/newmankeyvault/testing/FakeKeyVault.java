package io.newmankeyvault.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Azure Key Vault's secrets data plane over real TLS: one server on a fresh port answers for every
 * {@code NAME.vault.localhost:PORT} (see {@link TestTls}), the vault chosen by the Host header.
 *
 * <p>It speaks the protocol the SDK expects: a request without a token gets 401 and the {@code
 * WWW-Authenticate: Bearer authorization="https://login.localhost:PORT/TENANT",
 * resource="https://vault.localhost"} challenge; a request must carry a token that the given {@link
 * FakeEntraId} issued for {@code https://vault.localhost/.default}. Secrets ({@code GET
 * /secrets/NAME[/VERSION]}) and listing ({@code GET /secrets}) answer Key Vault's JSON, errors its
 * {@code {"error":{"code","message","innererror"}}} shape. Secret names are case-insensitive, as in
 * Key Vault. Every request is recorded.
 *
 * <p>Like the real service, a GET returns the value of an expired or not-yet-valid secret (Key
 * Vault does not enforce {@code exp}/{@code nbf} on secrets); only a disabled one is refused.
 */
public final class FakeKeyVault implements AutoCloseable {
  /** The domain the challenge names; vault hosts must end with it. */
  public static final String RESOURCE = "https://vault.localhost";

  /** One request as the server saw it. {@code authorization}: an Authorization header was sent. */
  public record Request(
      String method,
      String host,
      String vault,
      String pathAndQuery,
      boolean authorization,
      int status) {}

  private static final String DOMAIN = ".vault.localhost";
  private static final String HELP_NOT_FOUND =
      " For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182";

  private final HttpsServer server;
  private final FakeEntraId entra;
  private final Map<String, Vault> vaults = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile Duration latency = Duration.ZERO;
  private volatile String challengeTenant;
  private volatile int pageSize = 25;

  /** Starts on a fresh port with 64 threads, trusting the tokens {@code entra} issues. */
  /**
   * The tool's options that reach this fake and its Entra ID: {@code --key-vault VAULT}, the vault
   * suffix with this fake's port, and the authority host.
   */
  public List<String> toolOptions(String defaultVault) {
    return List.of(
        "--key-vault",
        defaultVault,
        "--key-vault-suffix",
        "vault.localhost:" + port(),
        "--authority-host",
        entra.authorityHost());
  }

  public FakeKeyVault(FakeEntraId entra) throws IOException {
    this.entra = entra;
    this.challengeTenant = entra.tenantId();
    server = TestTls.newHttpsServer("fake-keyvault", 64);
    server.createContext("/", this::handle);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code kv1.vault.localhost:PORT} for vault {@code kv1}. */
  public String host(String vault) {
    return vault + DOMAIN + ":" + port();
  }

  /** {@code https://kv1.vault.localhost:PORT}, for {@code vaultUrl(...)}. */
  public String url(String vault) {
    return "https://" + host(vault);
  }

  /** Stores a new latest version of a secret; returns its version (32 hex digits). */
  public String put(String vault, String name, String value) {
    return putVersion(vault, name, FakeHttp.randomHex(16), value);
  }

  /** Stores a version with a chosen id; it becomes the latest. Returns {@code version}. */
  public String putVersion(String vault, String name, String version, String value) {
    Secret secret = vault(vault).secrets.computeIfAbsent(key(name), k -> new Secret(name));
    synchronized (secret) {
      secret.versions.add(new Version(version, value));
    }
    return version;
  }

  /** Sets a secret's content type (latest version), e.g. {@code text/plain}. */
  public FakeKeyVault contentType(String vault, String name, String contentType) {
    latest(vault, name).contentType = contentType;
    return this;
  }

  /** Adds a tag to the latest version. */
  public FakeKeyVault tag(String vault, String name, String tag, String value) {
    latest(vault, name).tags.put(tag, value);
    return this;
  }

  /** Disables the latest version: a GET of it answers 403 {@code SecretDisabled}. */
  public FakeKeyVault disable(String vault, String name) {
    latest(vault, name).enabled = false;
    return this;
  }

  /** Sets {@code exp} of the latest version one day in the past (the value is still returned). */
  public FakeKeyVault expire(String vault, String name) {
    latest(vault, name).exp = Instant.now().getEpochSecond() - 86_400;
    return this;
  }

  /** Sets {@code nbf} of the latest version one day in the future (the value is still returned). */
  public FakeKeyVault notYetValid(String vault, String name) {
    latest(vault, name).nbf = Instant.now().getEpochSecond() + 86_400;
    return this;
  }

  /** GETs of this secret (any version) answer 403 {@code ForbiddenByRbac}; it may not exist. */
  public FakeKeyVault forbid(String vault, String name) {
    vault(vault).forbidden.add(key(name));
    return this;
  }

  /**
   * The next {@code n} GETs of this secret answer 429 {@code Throttled} with {@code Retry-After}.
   */
  public FakeKeyVault throttleNext(String vault, String name, int n, int retryAfterSeconds) {
    Vault v = vault(vault);
    v.throttled.put(key(name), new int[] {n, retryAfterSeconds});
    return this;
  }

  /** Listing secrets in this vault answers 403 {@code ForbiddenByRbac}. */
  public FakeKeyVault denyListing(String vault) {
    vault(vault).denyListing = true;
    return this;
  }

  /** A delay added to every authenticated secret GET (not to the 401 challenge or listing). */
  public FakeKeyVault latency(Duration latency) {
    this.latency = latency;
    return this;
  }

  /** The tenant the 401 challenge names (default: the Entra's own); for wrong-tenant tests. */
  public FakeKeyVault challengeTenant(String tenant) {
    this.challengeTenant = tenant;
    return this;
  }

  /** How many secrets a listing page holds when the client sends no {@code maxresults} (25). */
  public FakeKeyVault pageSize(int pageSize) {
    this.pageSize = pageSize;
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** How many authenticated GETs (any version, any answer) reached this secret. */
  public int reads(String vault, String name) {
    AtomicInteger count = vault(vault).reads.get(key(name));
    return count == null ? 0 : count.get();
  }

  // ---------------------------------------------------------------------------------------------

  private static final class Vault {
    final Map<String, Secret> secrets = new ConcurrentHashMap<>();
    final java.util.Set<String> forbidden = ConcurrentHashMap.newKeySet();
    final Map<String, int[]> throttled = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    volatile boolean denyListing;
  }

  private static final class Secret {
    final String name;
    final List<Version> versions = new ArrayList<>();

    Secret(String name) {
      this.name = name;
    }
  }

  private static final class Version {
    final String id;
    final String value;
    final long created = Instant.now().getEpochSecond();
    final Map<String, String> tags = new ConcurrentHashMap<>();
    volatile boolean enabled = true;
    volatile Long exp;
    volatile Long nbf;
    volatile String contentType;

    Version(String id, String value) {
      this.id = id;
      this.value = value;
    }
  }

  private record Answer(int status, Map<String, String> headers, String body) {
    Answer(int status, String body) {
      this(status, Map.of(), body);
    }
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private Vault vault(String name) {
    return vaults.computeIfAbsent(key(name), k -> new Vault());
  }

  private Version latest(String vault, String name) {
    Secret secret = vault(vault).secrets.get(key(name));
    if (secret == null) {
      throw new IllegalArgumentException("no secret " + name + " in " + vault + "; put it first");
    }
    synchronized (secret) {
      return secret.versions.get(secret.versions.size() - 1);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      String host = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host")).orElse("");
      String hostName = host.replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
      String vault =
          hostName.endsWith(DOMAIN)
              ? hostName.substring(0, hostName.length() - DOMAIN.length())
              : null;
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      String pathAndQuery =
          exchange.getRequestURI().getRawPath()
              + (exchange.getRequestURI().getRawQuery() == null
                  ? ""
                  : "?" + exchange.getRequestURI().getRawQuery());
      exchange.getRequestBody().readAllBytes();
      Answer answer = answer(exchange, host, vault, authorization);
      requests.add(
          new Request(
              exchange.getRequestMethod(),
              host,
              vault,
              pathAndQuery,
              authorization != null,
              answer.status()));
      Map<String, String> headers = new LinkedHashMap<>(answer.headers());
      headers.put("x-ms-keyvault-service-version", "1.9.0.0");
      headers.put("x-ms-request-id", java.util.UUID.randomUUID().toString());
      FakeHttp.send(exchange, answer.status(), headers, answer.body());
    } finally {
      exchange.close();
    }
  }

  private Answer answer(HttpExchange exchange, String host, String vaultName, String authorization)
      throws IOException {
    if (vaultName == null || vaultName.isEmpty()) {
      return error(400, "BadParameter", "The host '" + host + "' is not a vault host.", null);
    }
    String token = null;
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = authorization.substring(7).trim();
    }
    if (token == null) {
      return unauthorized("AKV10000: Request is missing a Bearer or PoP token.");
    }
    Optional<FakeEntraId.Issued> issued = entra.issued(token);
    if (issued.isEmpty()) {
      return unauthorized(
          "AKV10032: Invalid issuer. The token was not issued by the fake Entra ID.");
    }
    if (!(RESOURCE + "/.default").equals(issued.get().scope())) {
      return unauthorized(
          "AKV10022: Invalid audience. Expected "
              + RESOURCE
              + ", found: "
              + issued.get().scope()
              + ".");
    }
    String caller =
        "appid="
            + issued.get().clientId()
            + ";oid="
            + java.util.UUID.nameUUIDFromBytes(
                issued.get().clientId().getBytes(java.nio.charset.StandardCharsets.UTF_8))
            + ";iss=https://sts.windows.net/"
            + issued.get().tenant()
            + "/";
    Map<String, String> query = FakeHttp.form(exchange.getRequestURI().getRawQuery());
    if (!query.containsKey("api-version")) {
      return error(
          400, "BadParameter", "The request URI contains an invalid or missing api-version.", null);
    }
    if (!"GET".equals(exchange.getRequestMethod())) {
      return error(
          405,
          "BadParameter",
          "The method " + exchange.getRequestMethod() + " is not supported by this fake.",
          null);
    }
    String[] parts = exchange.getRequestURI().getRawPath().split("/", -1);
    // "/secrets" -> ["", "secrets"]; "/secrets/" -> ["", "secrets", ""]; "/secrets/n/" -> ["",
    // "secrets", "n", ""]
    List<String> segments = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      if (!parts[i].isEmpty()) {
        segments.add(java.net.URLDecoder.decode(parts[i], java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    Vault vault = vault(vaultName);
    if (segments.size() == 1 && segments.get(0).equals("secrets")) {
      return list(host, vaultName, vault, query, caller);
    }
    if ((segments.size() == 2 || segments.size() == 3) && segments.get(0).equals("secrets")) {
      return get(
          host,
          vaultName,
          vault,
          segments.get(1),
          segments.size() == 3 ? segments.get(2) : null,
          caller);
    }
    return error(
        400,
        "BadParameter",
        "The request URI is not supported by this fake: " + exchange.getRequestURI(),
        null);
  }

  private Answer get(
      String host, String vaultName, Vault vault, String name, String version, String caller) {
    vault.reads.computeIfAbsent(key(name), k -> new AtomicInteger()).incrementAndGet();
    Duration delay = latency;
    if (!delay.isZero()) {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    int[] throttle = vault.throttled.get(key(name));
    if (throttle != null) {
      synchronized (throttle) {
        if (throttle[0] > 0) {
          throttle[0]--;
          return new Answer(
              429,
              Map.of("Retry-After", Integer.toString(throttle[1])),
              errorBody(
                  "Throttled",
                  "Request was not processed because too many requests were received. Reason:"
                      + " VaultRequestTypeLimitReached",
                  null));
        }
      }
    }
    if (vault.forbidden.contains(key(name))) {
      return error(
          403,
          "Forbidden",
          "The user, group or application '"
              + caller
              + "' does not have secrets get permission on key vault '"
              + vaultName
              + ";location=westeurope'. For help resolving this issue, please see"
              + " https://go.microsoft.com/fwlink/?linkid=2125287",
          "ForbiddenByRbac");
    }
    Secret secret = vault.secrets.get(key(name));
    Version found = null;
    if (secret != null) {
      synchronized (secret) {
        if (version == null) {
          found = secret.versions.get(secret.versions.size() - 1);
        } else {
          for (Version v : secret.versions) {
            if (v.id.equalsIgnoreCase(version)) {
              found = v;
            }
          }
        }
      }
    }
    if (found == null) {
      return error(
          404,
          "SecretNotFound",
          "A secret with (name/id) "
              + name
              + (version == null ? "" : "/" + version)
              + " was not found in this key vault. If you recently deleted this secret you may be able"
              + " to recover it using the correct recovery command."
              + HELP_NOT_FOUND,
          null);
    }
    if (!found.enabled) {
      return error(
          403, "Forbidden", "Operation get is not allowed on a disabled secret.", "SecretDisabled");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("value", found.value);
    if (found.contentType != null) {
      body.put("contentType", found.contentType);
    }
    body.put("id", "https://" + host + "/secrets/" + secret.name + "/" + found.id);
    body.put("attributes", attributes(found));
    body.put("tags", new TreeMap<>(found.tags));
    return new Answer(200, FakeHttp.json(body));
  }

  private Answer list(
      String host, String vaultName, Vault vault, Map<String, String> query, String caller) {
    if (vault.denyListing) {
      return error(
          403,
          "Forbidden",
          "The user, group or application '"
              + caller
              + "' does not have secrets list permission on key vault '"
              + vaultName
              + ";location=westeurope'. For help resolving this issue, please see"
              + " https://go.microsoft.com/fwlink/?linkid=2125287",
          "ForbiddenByRbac");
    }
    int size =
        query.containsKey("maxresults") ? Integer.parseInt(query.get("maxresults")) : pageSize;
    int skip = query.containsKey("$skiptoken") ? Integer.parseInt(query.get("$skiptoken")) : 0;
    List<Secret> all = new ArrayList<>(vault.secrets.values());
    all.sort((a, b) -> key(a.name).compareTo(key(b.name)));
    List<Map<String, Object>> items = new ArrayList<>();
    for (Secret secret :
        all.subList(Math.min(skip, all.size()), Math.min(skip + size, all.size()))) {
      Version latest;
      synchronized (secret) {
        latest = secret.versions.get(secret.versions.size() - 1);
      }
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("id", "https://" + host + "/secrets/" + secret.name);
      if (latest.contentType != null) {
        item.put("contentType", latest.contentType);
      }
      item.put("attributes", attributes(latest));
      item.put("tags", new TreeMap<>(latest.tags));
      items.add(item);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("value", items);
    body.put(
        "nextLink",
        skip + size < all.size()
            ? "https://"
                + host
                + "/secrets?api-version="
                + query.get("api-version")
                + "&$skiptoken="
                + (skip + size)
                + "&maxresults="
                + size
            : null);
    return new Answer(200, FakeHttp.json(body));
  }

  private static Map<String, Object> attributes(Version version) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("enabled", version.enabled);
    if (version.nbf != null) {
      attributes.put("nbf", version.nbf);
    }
    if (version.exp != null) {
      attributes.put("exp", version.exp);
    }
    attributes.put("created", version.created);
    attributes.put("updated", version.created);
    attributes.put("recoveryLevel", "Recoverable+Purgeable");
    attributes.put("recoverableDays", 90);
    return attributes;
  }

  private Answer unauthorized(String message) {
    return new Answer(
        401,
        Map.of(
            "WWW-Authenticate",
            "Bearer authorization=\""
                + entra.authorityHost()
                + "/"
                + challengeTenant
                + "\", resource=\""
                + RESOURCE
                + "\""),
        errorBody("Unauthorized", message, null));
  }

  private static Answer error(int status, String code, String message, String innerCode) {
    return new Answer(status, errorBody(code, message, innerCode));
  }

  private static String errorBody(String code, String message, String innerCode) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    if (innerCode != null) {
      error.put("innererror", Map.of("code", innerCode));
    }
    return FakeHttp.json(Map.of("error", error));
  }

  @Override
  public void close() {
    TestTls.stop(server);
  }
}
