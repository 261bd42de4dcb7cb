package io.newmankeyvault.hydrate;

import io.newmankeyvault.redact.ProtectedValues;
import io.newmankeyvault.reference.Clouds;
import io.newmankeyvault.reference.ReferenceParser;
import io.newmankeyvault.reference.Vaults;
import io.newmankeyvault.secrets.SecretSource;
import io.newmankeyvault.secrets.SecretSourceOpener;
import io.newmankeyvault.secrets.SecretSources;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where {@code run} and {@code audit} read secrets from, as the command line chose it, and the one
 * way both read them: parse the references, then (once the caller has planned) choose the source,
 * resolve and protect every value the moment it is read.
 *
 * @param defaultVault the default vault for {@code {{vault:NAME}}} (name, host or URL), or null
 * @param vaultSuffix how vault names become hosts ({@code --key-vault-suffix}), or null for the
 *     sign-in cloud's
 * @param authorityHost the Entra authority the sign-in uses: its cloud decides the default suffix
 * @param nameMap the {@code --map} options
 * @param secretsFile the local secrets file, or null
 * @param clientId the identity the sign-in uses, for the run's announcement, or null
 * @param keyVault opens Key Vault when the plan needs a secret and no secrets file is given
 */
public record SecretSourceChoice(
    String defaultVault,
    String vaultSuffix,
    String authorityHost,
    Map<String, String> nameMap,
    Path secretsFile,
    String clientId,
    SecretSourceOpener keyVault) {

  public SecretSourceChoice {
    nameMap = Map.copyOf(nameMap);
  }

  /** The parser of references, with the vaults these options name. */
  public ReferenceParser parser() {
    return new ReferenceParser(
        new Vaults(defaultVault, Clouds.vaultSuffix(vaultSuffix, authorityHost)), nameMap);
  }

  /**
   * Reads the plan's secrets from the secrets file, else (when it needs any) from Key Vault; every
   * value is a protected value before this returns.
   */
  public SecretsRead read(Plan plan, ProtectedValues protectedValues) {
    SecretSource source =
        SecretSources.choose(
            secretsFile, !plan.secrets().isEmpty(), () -> keyVault.open(protectedValues::add));
    long started = System.nanoTime();
    Resolution resolution = Resolution.resolve(plan, source);
    protectedValues.addAll(resolution.values());
    return new SecretsRead(
        resolution, source.description(), (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * What {@link #read} found.
   *
   * @param resolution the values and the failures, by secret
   * @param source where they were read from, for messages (never a value)
   * @param millis how long the reads took
   */
  public record SecretsRead(Resolution resolution, String source, long millis) {}
}
