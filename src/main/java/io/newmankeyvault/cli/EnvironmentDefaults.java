package io.newmankeyvault.cli;

import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from environment variables (DESIGN.md's table), read from an injected map so
 * tests never depend on the real environment. An empty variable counts as unset: CI systems pass
 * unset inputs as empty strings.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {
  /** Option name to the environment variable that supplies its default. */
  static final Map<String, String> VARIABLES =
      Map.of(
          "--collection", "NKV_COLLECTION",
          "--environment", "NKV_ENVIRONMENT",
          "--key-vault", "NKV_KEY_VAULT",
          "--key-vault-suffix", "NKV_KEY_VAULT_SUFFIX",
          "--secrets-file", "NKV_SECRETS_FILE",
          "--reports-dir", "NKV_REPORTS_DIR",
          "--newman", "NKV_NEWMAN",
          "--postman-api-url", "POSTMAN_API_URL");

  private final Map<String, String> environment;

  EnvironmentDefaults(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option)) {
      return null;
    }
    String variable = VARIABLES.get(option.longestName());
    if (variable == null) {
      return null;
    }
    String value = environment.get(variable);
    return value == null || value.isBlank() ? null : value;
  }
}
