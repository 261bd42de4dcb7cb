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
 * App Service's managed identity endpoint on plain http (127.0.0.1, a fresh port), as MSAL's {@code
 * AppServiceManagedIdentitySource} calls it when {@code IDENTITY_ENDPOINT} and {@code
 * IDENTITY_HEADER} are set: {@code GET /msi/token?api-version=2019-08-01&resource=RESOURCE} with
 * the header {@code X-IDENTITY-HEADER: $IDENTITY_HEADER} answers {@code
 * {"access_token","expires_on":"<epoch seconds>","resource","token_type":"Bearer","client_id"}}.
 * The access tokens are minted by the given {@link FakeEntraId} for {@code RESOURCE/.default}, so
 * {@link FakeKeyVault} accepts them. A wrong or missing header gets 401.
 *
 * <p>MSAL reads {@code IDENTITY_ENDPOINT}/{@code IDENTITY_HEADER} from the real process environment
 * (not from azure-core's Configuration), so the SDK can use this only from a spawned process.
 */
public final class FakeManagedIdentityEndpoint implements AutoCloseable {
  /** One request as the server saw it; {@code query} decoded. */
  public record Request(
      String method, String path, Map<String, String> query, String identityHeader, int status) {}

  private final HttpServer server;
  private final FakeEntraId entra;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile String identityHeader = "ih-CANARY-" + FakeHttp.randomHex(16) + "-END";
  private volatile String clientId = "5c2e1b1e-0000-4000-8000-00000000a11d";

  public FakeManagedIdentityEndpoint(FakeEntraId entra) throws IOException {
    this.entra = entra;
    server = HttpServer.create(new InetSocketAddress(FakeHttp.LOOPBACK, 0), 64);
    server.setExecutor(TestTls.pool("fake-msi", 8));
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@code IDENTITY_ENDPOINT}: {@code http://127.0.0.1:PORT/msi/token}. */
  public String identityEndpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/msi/token";
  }

  /** {@code IDENTITY_HEADER}: the value expected in {@code X-IDENTITY-HEADER}. */
  public String identityHeader() {
    return identityHeader;
  }

  public FakeManagedIdentityEndpoint identityHeader(String value) {
    identityHeader = value;
    return this;
  }

  /** The client id of the (system-assigned) identity, reported in answers and Key Vault errors. */
  public FakeManagedIdentityEndpoint clientId(String value) {
    clientId = value;
    return this;
  }

  /** The environment a spawned process needs (add {@link TestTls#jvmOptions()} for the JVM). */
  public Map<String, String> environment() {
    return Map.of("IDENTITY_ENDPOINT", identityEndpoint(), "IDENTITY_HEADER", identityHeader);
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      Map<String, String> query = FakeHttp.form(exchange.getRequestURI().getRawQuery());
      String header = exchange.getRequestHeaders().getFirst("X-IDENTITY-HEADER");
      exchange.getRequestBody().readAllBytes();
      int status;
      String body;
      if (!exchange.getRequestURI().getRawPath().equals("/msi/token")
          || !exchange.getRequestMethod().equals("GET")) {
        status = 404;
        body = "";
      } else if (!identityHeader.equals(header)) {
        status = 401;
        body =
            "{\"statusCode\":401,\"message\":\"Unauthorized. Missing or invalid X-IDENTITY-HEADER.\"}";
      } else if (!"2019-08-01".equals(query.get("api-version"))) {
        status = 400;
        body =
            "{\"statusCode\":400,\"message\":\"Unsupported api-version: "
                + query.get("api-version")
                + "\"}";
      } else if (query.get("resource") == null || query.get("resource").isBlank()) {
        status = 400;
        body = "{\"statusCode\":400,\"message\":\"Missing resource\"}";
      } else {
        String resource = query.get("resource");
        String scope =
            resource.endsWith("/.default")
                ? resource
                : resource.replaceAll("/+$", "") + "/.default";
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", entra.mint(clientId, scope));
        answer.put("expires_on", Long.toString(Instant.now().getEpochSecond() + 3600));
        answer.put("resource", resource);
        answer.put("token_type", "Bearer");
        answer.put("client_id", clientId);
        status = 200;
        body = FakeHttp.json(answer);
      }
      requests.add(
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getRawPath(),
              Map.copyOf(query),
              header,
              status));
      FakeHttp.send(exchange, status, Map.of(), body);
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    TestTls.stop(server);
  }
}
