package io.newmankeyvault.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from environment variables (the README's options table), read from an injected
 * map so tests never depend on the real environment. An empty variable counts as unset: CI systems
 * pass unset inputs as empty strings.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {
  /**
   * Option name to the environment variables that supply its default, first set wins. The
   * AZURESUBSCRIPTION_* names are what Azure Pipelines' AzureCLI@2 task sets for a service
   * connection.
   */
  static final Map<String, List<String>> VARIABLES =
      Map.ofEntries(
          Map.entry("--collection", List.of("NKV_COLLECTION")),
          Map.entry("--environment", List.of("NKV_ENVIRONMENT")),
          Map.entry("--globals", List.of("NKV_GLOBALS")),
          Map.entry("--key-vault", List.of("NKV_KEY_VAULT")),
          Map.entry("--key-vault-suffix", List.of("NKV_KEY_VAULT_SUFFIX")),
          Map.entry("--secrets-file", List.of("NKV_SECRETS_FILE")),
          Map.entry("--ca-file", List.of("NKV_CA_FILE")),
          Map.entry("--shard", List.of("NKV_SHARD")),
          Map.entry("--reports-dir", List.of("NKV_REPORTS_DIR")),
          Map.entry("--newman", List.of("NKV_NEWMAN")),
          Map.entry("--runner", List.of("NKV_RUNNER")),
          Map.entry("--postman-cli", List.of("NKV_POSTMAN_CLI")),
          Map.entry("--postman-api-url", List.of("POSTMAN_API_URL")),
          Map.entry("--auth", List.of("NKV_AUTH")),
          Map.entry("--dry-run", List.of("NKV_DRY_RUN")),
          Map.entry("--require-allowed-domains", List.of("NKV_REQUIRE_ALLOWED_DOMAINS")),
          Map.entry("--tenant-id", List.of("AZURE_TENANT_ID", "AZURESUBSCRIPTION_TENANT_ID")),
          Map.entry("--client-id", List.of("AZURE_CLIENT_ID", "AZURESUBSCRIPTION_CLIENT_ID")),
          Map.entry("--service-connection-id", List.of("AZURESUBSCRIPTION_SERVICE_CONNECTION_ID")),
          Map.entry("--service-connection", List.of("NKV_SERVICE_CONNECTION")),
          Map.entry("--authority-host", List.of("AZURE_AUTHORITY_HOST")));

  /**
   * Repeatable option to the multi-line variable whose lines it defaults to (how the GitHub Action
   * passes its multi-line inputs).
   */
  static final Map<String, String> LINES =
      Map.of(
          "--secret", "NKV_SECRETS",
          "--map", "NKV_MAP",
          "--allowed-domains", "NKV_ALLOWED_DOMAINS",
          "--script-access", "NKV_SCRIPT_ACCESS",
          "--newman-env", "NKV_NEWMAN_ENV",
          "--client-cert", "NKV_CLIENT_CERTS");

  private final Map<String, String> environment;

  /** The variables an option's value may come from (by its longest name), first wins; or none. */
  static List<String> variablesOf(String option) {
    String lines = LINES.get(option);
    return lines != null ? List.of(lines) : VARIABLES.getOrDefault(option, List.of());
  }

  EnvironmentDefaults(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option)) {
      return null;
    }
    for (String variable : VARIABLES.getOrDefault(option.longestName(), List.of())) {
      String value = environment.get(variable);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }
}
