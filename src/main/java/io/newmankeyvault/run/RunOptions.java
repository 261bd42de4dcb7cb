package io.newmankeyvault.run;

import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.hydrate.ClientCertOption;
import io.newmankeyvault.hydrate.SecretOption;
import io.newmankeyvault.hydrate.SecretSourceChoice;
import io.newmankeyvault.network.Proxies;
import io.newmankeyvault.newman.RunnerArguments;
import io.newmankeyvault.postman.PostmanRef;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The options of {@code newman-keyvault run}, once parsed and checked.
 *
 * @param collection the collection: a file, or a Postman id or uid
 * @param environment the environment: a file, a Postman id or uid, or null
 * @param globals the globals file, or null
 * @param postmanApiUrl the Postman API's base URL
 * @param postmanApiKeyFile a file holding the Postman API key, or null for POSTMAN_API_KEY
 * @param secretSource where secrets are read from: the secrets file or Key Vault
 * @param secrets the {@code --secret} options
 * @param allowedDomains the {@code --allowed-domains} options: URL patterns by Key Vault secret
 *     name
 * @param requireAllowedDomains every secret must have allowed domains
 * @param scriptAccess the {@code --script-access} options: Key Vault secret names scripts may read
 *     through {@code pm.vault}
 * @param caFile the {@code --ca-file}, or null
 * @param proxies the proxies of the environment
 * @param clientCerts the {@code --client-cert} options
 * @param sharding which shard of the collection runs ({@link Sharding#NONE} for all of it)
 * @param newman the command that starts Newman
 * @param runner which runner runs the collection, and the Postman CLI's command
 * @param newmanEnvironment the names of the tool's environment variables Newman gets besides those
 *     it needs ({@code --newman-env})
 * @param reportsDir where reports go, or null (a dry run writes none)
 * @param dryRun plan only
 * @param output how the dry run prints its plan
 * @param verbose stack traces on errors
 * @param newmanArgs options for the runner, after {@code --}
 */
public record RunOptions(
    PostmanRef collection,
    PostmanRef environment,
    Path globals,
    URI postmanApiUrl,
    Path postmanApiKeyFile,
    SecretSourceChoice secretSource,
    List<SecretOption> secrets,
    Map<String, List<String>> allowedDomains,
    boolean requireAllowedDomains,
    List<String> scriptAccess,
    Path caFile,
    Proxies proxies,
    List<ClientCertOption> clientCerts,
    Sharding sharding,
    List<String> newman,
    RunnerChoice runner,
    List<String> newmanEnvironment,
    Path reportsDir,
    boolean dryRun,
    OutputFormat output,
    boolean verbose,
    RunnerArguments newmanArgs) {

  public RunOptions {
    secrets = List.copyOf(secrets);
    clientCerts = List.copyOf(clientCerts);
    allowedDomains = Map.copyOf(allowedDomains);
    scriptAccess = List.copyOf(scriptAccess);
    newman = List.copyOf(newman);
    newmanEnvironment = List.copyOf(newmanEnvironment);
    if (collection == null) {
      throw UserFacingException.usage(
          "--collection is missing: pass a collection file or Postman id (or set NKV_COLLECTION)");
    }
    if (newman.isEmpty()) {
      throw UserFacingException.usage("--newman is empty: name the command that runs Newman");
    }
    newmanArgs.checkAgainst(!clientCerts.isEmpty(), sharding.splits());
    if (output == OutputFormat.json && !dryRun) {
      throw UserFacingException.usage(
          "--output json describes a dry run's plan: add --dry-run, or drop --output");
    }
  }
}
