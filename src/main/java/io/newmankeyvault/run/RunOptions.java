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
 * The options of {@code newman-keyvault run}, once parsed and checked, in parts that mirror the
 * command's option groups.
 *
 * @param documents what runs: the collection, the environment and globals, and where to download
 * @param secrets where secrets come from, which variables they set and where they may go
 * @param network the trust and proxies of every connection
 * @param sharding which shard of the collection runs ({@link Sharding#NONE} for all of it)
 * @param runner which runner runs the collection, and what it gets
 * @param dryRun plan only
 * @param output how the dry run prints its plan
 * @param verbose stack traces on errors, timings
 */
public record RunOptions(
    Documents documents,
    Secrets secrets,
    Network network,
    Sharding sharding,
    RunnerSetup runner,
    boolean dryRun,
    OutputFormat output,
    boolean verbose) {

  public RunOptions {
    if (documents.collection() == null) {
      throw UserFacingException.usage(
          "--collection is missing: pass a collection file or Postman id (or set NKV_COLLECTION)");
    }
    if (runner.newman().isEmpty()) {
      throw UserFacingException.usage("--newman is empty: name the command that runs Newman");
    }
    runner.arguments().checkAgainst(!secrets.clientCerts().isEmpty(), sharding.splits());
    if (output == OutputFormat.json && !dryRun) {
      throw UserFacingException.usage(
          "--output json describes a dry run's plan: add --dry-run, or drop --output");
    }
  }

  /**
   * What runs ({@code -c}, {@code -e}, {@code -g}) and how the Postman API is reached.
   *
   * @param collection the collection: a file, a v3 folder, or a Postman id or uid
   * @param environment the environment: a file, a Postman id or uid, or null
   * @param globals the globals file, or null
   * @param postmanApiUrl the Postman API's base URL
   * @param postmanApiKeyFile a file holding the Postman API key, or null for POSTMAN_API_KEY
   */
  public record Documents(
      PostmanRef collection,
      PostmanRef environment,
      Path globals,
      URI postmanApiUrl,
      Path postmanApiKeyFile) {}

  /**
   * The secrets: where they are read from and what they may reach.
   *
   * @param source the secrets file or Key Vault, and how references name vaults
   * @param variables the {@code --secret} options
   * @param allowedDomains the {@code --allowed-domains} options: URL patterns by Key Vault secret
   *     name
   * @param requireAllowedDomains every secret must have allowed domains
   * @param scriptAccess the {@code --script-access} options: Key Vault secret names scripts may
   *     read through {@code pm.vault}
   * @param clientCerts the {@code --client-cert} options
   */
  public record Secrets(
      SecretSourceChoice source,
      List<SecretOption> variables,
      Map<String, List<String>> allowedDomains,
      boolean requireAllowedDomains,
      List<String> scriptAccess,
      List<ClientCertOption> clientCerts) {
    public Secrets {
      variables = List.copyOf(variables);
      allowedDomains = Map.copyOf(allowedDomains);
      scriptAccess = List.copyOf(scriptAccess);
      clientCerts = List.copyOf(clientCerts);
    }
  }

  /**
   * The network.
   *
   * @param caFile the {@code --ca-file}, or null
   * @param proxies the proxies of the environment
   */
  public record Network(Path caFile, Proxies proxies) {}

  /**
   * The runner.
   *
   * @param newman the command that starts Newman
   * @param choice which runner runs the collection, and the Postman CLI's command
   * @param newmanEnvironment the names of the tool's environment variables the runner gets besides
   *     those it needs ({@code --newman-env})
   * @param arguments the runner's options, after {@code --}
   * @param reportsDir where reports go, or null (a dry run writes none)
   */
  public record RunnerSetup(
      List<String> newman,
      RunnerChoice choice,
      List<String> newmanEnvironment,
      RunnerArguments arguments,
      Path reportsDir) {
    public RunnerSetup {
      newman = List.copyOf(newman);
      newmanEnvironment = List.copyOf(newmanEnvironment);
    }
  }
}
