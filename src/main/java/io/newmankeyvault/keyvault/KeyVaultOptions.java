package io.newmankeyvault.keyvault;

import io.newmankeyvault.network.Proxies;
import java.time.Duration;
import java.util.Map;

/**
 * How to sign in and read: the {@code --auth} mode and its ids, and the read limits.
 *
 * @param auth the sign-in mode
 * @param tenantId the Entra tenant, or null
 * @param clientId the app registration or user-assigned identity, or null
 * @param serviceConnectionId the Azure Pipelines service connection's id, or null
 * @param serviceConnection the Azure Pipelines service connection's name, or null: its id, client
 *     id and tenant id are then looked up in Azure DevOps ({@link ServiceConnections})
 * @param authorityHost the Entra authority ({@code https://login.microsoftonline.com} by default)
 * @param audience the audience of GitHub OIDC tokens
 * @param parallelism how many secrets are read at once
 * @param deadline how long all reads may take together
 * @param proxies the proxies every connection but the managed identity endpoint's goes through
 * @param environment the process environment (injected, so tests control it)
 */
public record KeyVaultOptions(
    AuthMode auth,
    String tenantId,
    String clientId,
    String serviceConnectionId,
    String serviceConnection,
    String authorityHost,
    String audience,
    int parallelism,
    Duration deadline,
    Proxies proxies,
    Map<String, String> environment) {

  /** The audience Entra ID expects of federated tokens. */
  public static final String DEFAULT_AUDIENCE = "api://AzureADTokenExchange";

  /** The default number of concurrent reads. */
  public static final int DEFAULT_PARALLELISM = 8;

  /** How long all reads may take together. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(2);

  public KeyVaultOptions {
    environment = Map.copyOf(environment);
  }

  /**
   * These options with a service connection's ids as Azure DevOps gave them; a tenant or client id
   * given explicitly wins.
   */
  KeyVaultOptions withConnection(
      String connectionId, String connectionClient, String connectionTenant) {
    return new KeyVaultOptions(
        auth,
        tenantId != null ? tenantId : connectionTenant,
        clientId != null ? clientId : connectionClient,
        connectionId,
        serviceConnection,
        authorityHost,
        audience,
        parallelism,
        deadline,
        proxies,
        environment);
  }

  /** An environment variable, or null when it is unset or blank. */
  String variable(String name) {
    String value = environment.get(name);
    return value == null || value.isBlank() ? null : value;
  }
}
