package io.newmankeyvault.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Azure DevOps' service endpoint API over real TLS, reached as {@code https://localhost:PORT/ORG/}
 * (the job's {@code SYSTEM_COLLECTIONURI}): {@code GET /ORG/{project id or
 * name}/_apis/serviceendpoint/endpoints?endpointNames=NAME&api-version=7.1} with {@code
 * Authorization: Bearer $SYSTEM_ACCESSTOKEN} answers {@code {"count":N,"value":[endpoint...]}},
 * each endpoint shaped as the REST reference's (MicrosoftDocs/vsts-rest-api-specs, serviceEndpoint
 * 7.1 "Get Service Endpoints By Names"): {@code id}, {@code name}, {@code type: "AzureRM"}, {@code
 * authorization: {scheme, parameters: {serviceprincipalid, tenantid,
 * workloadIdentityFederationIssuer, workloadIdentityFederationSubject}}}, {@code
 * serviceEndpointProjectReferences}. Names match ignoring case, as Azure DevOps does. A wrong or
 * missing bearer gets 401, an unknown project 404 with Azure DevOps' error shape, no api-version
 * 400; {@link #answer} forces a status (403 for a build service without the User role). Requests
 * are recorded with their Authorization header, for the tests to check that only the token went.
 */
public final class FakeAzureDevOps implements AutoCloseable {
  public static final String ORGANIZATION = "acme";
  public static final String PROJECT_ID = "c7e5f0b3-71fa-4429-9fb3-3321963a7c06";
  public static final String PROJECT_NAME = "Api Tests";

  /** One request as the server saw it; {@code query} decoded. */
  public record Request(String path, Map<String, String> query, String authorization, int status) {}

  /** A service connection of the project. */
  public record Connection(
      String id, String name, String scheme, String clientId, String tenantId) {}

  private final HttpsServer server;
  private final String accessToken;
  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile int forcedStatus;

  /** Starts on a fresh port; only {@code accessToken} is accepted as the bearer. */
  public FakeAzureDevOps(String accessToken) throws IOException {
    this.accessToken = accessToken;
    server = TestTls.newHttpsServer("fake-azure-devops", 4);
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@code SYSTEM_COLLECTIONURI}: {@code https://localhost:PORT/acme/} (with the slash). */
  public String collectionUri() {
    return "https://localhost:" + server.getAddress().getPort() + "/" + ORGANIZATION + "/";
  }

  /** Adds a connection to the project. */
  public FakeAzureDevOps add(Connection connection) {
    connections.add(connection);
    return this;
  }

  /** Adds a workload identity federation connection. */
  public FakeAzureDevOps addFederated(String id, String name, String clientId, String tenantId) {
    return add(new Connection(id, name, "WorkloadIdentityFederation", clientId, tenantId));
  }

  /** Every lookup from now on answers {@code status} (0: answer normally). */
  public FakeAzureDevOps answer(int status) {
    forcedStatus = status;
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getPath();
      Map<String, String> query = FakeHttp.form(exchange.getRequestURI().getRawQuery());
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      exchange.getRequestBody().readAllBytes();
      String prefix = "/" + ORGANIZATION + "/";
      String suffix = "/_apis/serviceendpoint/endpoints";
      int status;
      String body;
      if (!("Bearer " + accessToken).equals(authorization)) {
        status = 401;
        body = "";
      } else if (forcedStatus != 0) {
        status = forcedStatus;
        body = "{\"message\":\"forced by the test\"}";
      } else if (!exchange.getRequestMethod().equals("GET")
          || !path.startsWith(prefix)
          || !path.endsWith(suffix)) {
        status = 404;
        body = "";
      } else if (!query.containsKey("api-version")) {
        status = 400;
        body = "{\"message\":\"No api-version was supplied for the GET request.\"}";
      } else {
        String project = path.substring(prefix.length(), path.length() - suffix.length());
        if (!project.equalsIgnoreCase(PROJECT_ID) && !project.equalsIgnoreCase(PROJECT_NAME)) {
          status = 404;
          body =
              FakeHttp.json(
                  Map.of(
                      "message",
                      "TF200016: The following project does not exist: " + project + ".",
                      "typeKey",
                      "ProjectDoesNotExistWithNameException"));
        } else {
          status = 200;
          body = endpoints(query.getOrDefault("endpointNames", ""));
        }
      }
      requests.add(new Request(path, Map.copyOf(query), authorization, status));
      FakeHttp.send(exchange, status, Map.of(), body);
    } finally {
      exchange.close();
    }
  }

  private String endpoints(String names) {
    List<String> wanted = new ArrayList<>();
    for (String name : names.split(",")) {
      wanted.add(name.strip().toLowerCase(Locale.ROOT));
    }
    List<Map<String, Object>> value = new ArrayList<>();
    for (Connection connection : connections) {
      if (!wanted.contains(connection.name().toLowerCase(Locale.ROOT))) {
        continue;
      }
      Map<String, Object> parameters = new LinkedHashMap<>();
      parameters.put("serviceprincipalid", connection.clientId());
      parameters.put("tenantid", connection.tenantId());
      if (connection.scheme().equalsIgnoreCase("WorkloadIdentityFederation")) {
        parameters.put(
            "workloadIdentityFederationIssuer",
            "https://login.microsoftonline.com/" + connection.tenantId() + "/v2.0");
        parameters.put(
            "workloadIdentityFederationSubject",
            "sc://" + ORGANIZATION + "/" + PROJECT_NAME + "/" + connection.name());
      } else {
        parameters.put("authenticationType", "spnKey");
        parameters.put("serviceprincipalkey", null);
      }
      Map<String, Object> endpoint = new LinkedHashMap<>();
      endpoint.put(
          "data",
          Map.of(
              "subscriptionId", "1272a66f-e2e8-4e88-ab43-487409186c3f",
              "environment", "AzureCloud",
              "scopeLevel", "Subscription",
              "creationMode", "Manual"));
      endpoint.put("id", connection.id());
      endpoint.put("name", connection.name());
      endpoint.put("type", "AzureRM");
      endpoint.put("url", "https://management.azure.com/");
      endpoint.put(
          "authorization", Map.of("parameters", parameters, "scheme", connection.scheme()));
      endpoint.put("isShared", false);
      endpoint.put("isReady", true);
      endpoint.put("owner", "library");
      endpoint.put(
          "serviceEndpointProjectReferences",
          List.of(
              Map.of(
                  "projectReference",
                  Map.of("id", PROJECT_ID, "name", PROJECT_NAME),
                  "name",
                  connection.name())));
      value.add(endpoint);
    }
    return FakeHttp.json(Map.of("count", value.size(), "value", value));
  }

  @Override
  public void close() {
    TestTls.stop(server);
  }
}
