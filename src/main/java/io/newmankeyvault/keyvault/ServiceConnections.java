package io.newmankeyvault.keyvault;

import com.fasterxml.jackson.databind.JsonNode;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.base.UserFacingException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What {@code --auth azure-pipelines} signs in with: the service connection's id, and the app and
 * tenant it federates with. Given by id ({@code --service-connection-id}, with {@code --client-id}
 * and {@code --tenant-id}) or by name ({@code --service-connection}), which Azure DevOps resolves:
 * {@code GET
 * {collection}{project}/_apis/serviceendpoint/endpoints?endpointNames=NAME&api-version=7.1} with
 * the job's {@code System.AccessToken}, reading {@code id}, {@code
 * authorization.parameters.serviceprincipalid} and {@code .tenantid} of a {@code
 * WorkloadIdentityFederation} connection. The token is a protected value and never part of a
 * message.
 */
final class ServiceConnections {
  static final String API_VERSION = "7.1";

  private static final String SCHEME = "WorkloadIdentityFederation";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** A service connection as Azure DevOps describes it. */
  record Connection(String id, String clientId, String tenantId) {}

  private ServiceConnections() {}

  /**
   * The options {@code --auth azure-pipelines} signs in with: checked, and with a connection named
   * by {@code --service-connection} looked up. Missing variables fail here, with what to add.
   */
  static KeyVaultOptions forPipelines(KeyVaultOptions options, Consumer<String> protect) {
    String accessToken = options.variable("SYSTEM_ACCESSTOKEN");
    if (accessToken == null) {
      throw OidcTokens.signInFailure(
          "SYSTEM_ACCESSTOKEN is not set: map 'SYSTEM_ACCESSTOKEN: $(System.AccessToken)' in the"
              + " step's env (Azure Pipelines does not expose it to scripts by default)");
    }
    protect.accept(accessToken);
    if (options.variable("SYSTEM_OIDCREQUESTURI") == null) {
      throw OidcTokens.signInFailure(
          "SYSTEM_OIDCREQUESTURI is not set: --auth azure-pipelines works only inside an Azure"
              + " Pipelines job");
    }
    String name = options.serviceConnection();
    if (name != null && options.serviceConnectionId() != null) {
      throw UserFacingException.usage(
          "pass --service-connection (NKV_SERVICE_CONNECTION) or --service-connection-id"
              + " (AZURESUBSCRIPTION_SERVICE_CONNECTION_ID), not both");
    }
    if (name == null) {
      if (options.serviceConnectionId() == null) {
        throw UserFacingException.usage(
            "--auth azure-pipelines needs --service-connection NAME (or NKV_SERVICE_CONNECTION):"
                + " the Azure Resource Manager service connection that uses workload identity"
                + " federation (or its id: --service-connection-id)");
      }
      return options;
    }
    Connection found = lookUp(name, accessToken, options);
    return options.withConnection(found.id(), found.clientId(), found.tenantId());
  }

  /** Asks Azure DevOps for the connection named {@code name} in the job's project. */
  static Connection lookUp(String name, String accessToken, KeyVaultOptions options) {
    String collection =
        first(options, "SYSTEM_COLLECTIONURI", "SYSTEM_TEAMFOUNDATIONCOLLECTIONURI");
    String project = first(options, "SYSTEM_TEAMPROJECTID", "SYSTEM_TEAMPROJECT");
    if (collection == null || project == null) {
      throw OidcTokens.signInFailure(
          "--service-connection needs SYSTEM_COLLECTIONURI and SYSTEM_TEAMPROJECTID, which Azure"
              + " Pipelines sets in every job: run it in a pipeline job, or pass"
              + " --service-connection-id with --client-id and --tenant-id");
    }
    String shown = first(options, "SYSTEM_TEAMPROJECT", "SYSTEM_TEAMPROJECTID");
    URI uri = endpointsUri(collection, project, name);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + accessToken)
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<byte[]> response;
    try {
      response =
          options
              .proxies()
              .configure(HttpClient.newBuilder())
              .connectTimeout(TIMEOUT)
              .build()
              .send(options.proxies().authorized(request), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw OidcTokens.signInFailure(
          options
              .proxies()
              .refusal(e, uri)
              .orElse(
                  "could not reach Azure DevOps at "
                      + uri.getScheme()
                      + "://"
                      + uri.getRawAuthority()
                      + options.proxies().through(uri)
                      + " to look up service connection '"
                      + name
                      + "' ("
                      + e.getClass().getSimpleName()
                      + ")"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw OidcTokens.signInFailure(
          "interrupted while looking up service connection '" + name + "'");
    }
    if (response.statusCode() == 407) {
      throw OidcTokens.signInFailure(
          options.proxies().refusal(uri).orElse("a proxy asked for credentials"));
    }
    return parse(name, shown, response.statusCode(), response.body());
  }

  /** {@code {collection}/{project}/_apis/serviceendpoint/endpoints?endpointNames=...}. */
  static URI endpointsUri(String collection, String project, String name) {
    String base = collection.endsWith("/") ? collection : collection + "/";
    return URI.create(
        base
            + encode(project)
            + "/_apis/serviceendpoint/endpoints?endpointNames="
            + encode(name)
            + "&api-version="
            + API_VERSION);
  }

  /** The connection in Azure DevOps' answer, or the one-line failure (exit 4) it amounts to. */
  static Connection parse(String name, String project, int status, byte[] body) {
    String where = "service connection '" + name + "' in project '" + project + "'";
    if (status == 401 || status == 403 || status == 203) {
      throw OidcTokens.signInFailure(
          "Azure DevOps refused to show "
              + where
              + " (HTTP "
              + status
              + "): the pipeline's build service needs the \"User\" role on the service"
              + " connection (Project settings > Service connections > Security), and the job's"
              + " token must be scoped to this project (check 'Limit job authorization scope')");
    }
    if (status == 404) {
      throw OidcTokens.signInFailure(
          "Azure DevOps has no project '" + project + "' at SYSTEM_COLLECTIONURI (HTTP 404)");
    }
    if (status != 200) {
      throw OidcTokens.signInFailure(
          "Azure DevOps answered HTTP " + status + " to the look-up of " + where);
    }
    JsonNode answer;
    try {
      answer = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      answer = null;
    }
    if (answer == null || !answer.path("value").isArray()) {
      throw OidcTokens.signInFailure(
          "Azure DevOps did not answer the look-up of " + where + " with a list of connections");
    }
    List<JsonNode> named = new ArrayList<>();
    answer.path("value").forEach(named::add);
    if (named.isEmpty()) {
      throw OidcTokens.signInFailure(
          where.substring(0, 1).toUpperCase(Locale.ROOT)
              + where.substring(1)
              + " was not found: check the name (Project settings > Service connections) and that"
              + " this pipeline may use it");
    }
    if (named.size() > 1) {
      List<String> ids = named.stream().map(n -> n.path("id").asText("?")).toList();
      throw OidcTokens.signInFailure(
          named.size()
              + " service connections are named '"
              + name
              + "' in project '"
              + project
              + "' ("
              + String.join(", ", ids)
              + "): pass the one to use with --service-connection-id");
    }
    JsonNode connection = named.get(0);
    JsonNode authorization = connection.path("authorization");
    String scheme = authorization.path("scheme").asText("");
    if (!SCHEME.equalsIgnoreCase(scheme)) {
      throw OidcTokens.signInFailure(
          where
              + " uses the scheme '"
              + (scheme.isEmpty() ? "none" : scheme)
              + "', not "
              + SCHEME
              + ": convert it to workload identity federation (its page in Project settings >"
              + " Service connections offers it) or name one that uses it");
    }
    String id = connection.path("id").asText("");
    String clientId = parameter(authorization.path("parameters"), "serviceprincipalid");
    String tenantId = parameter(authorization.path("parameters"), "tenantid");
    if (id.isBlank() || clientId == null || tenantId == null) {
      throw OidcTokens.signInFailure(
          where
              + " lacks its id, serviceprincipalid or tenantid: pass --service-connection-id,"
              + " --client-id and --tenant-id");
    }
    return new Connection(id, clientId, tenantId);
  }

  /** An authorization parameter, its name compared ignoring case; null when absent or blank. */
  private static String parameter(JsonNode parameters, String key) {
    for (Iterator<Map.Entry<String, JsonNode>> it = parameters.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getKey().equalsIgnoreCase(key) && field.getValue().isTextual()) {
        String value = field.getValue().asText().strip();
        return value.isEmpty() ? null : value;
      }
    }
    return null;
  }

  private static String first(KeyVaultOptions options, String name, String fallback) {
    String value =
        options.variable(name) != null ? options.variable(name) : options.variable(fallback);
    return value == null ? null : value.strip();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
