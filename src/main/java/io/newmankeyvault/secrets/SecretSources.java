package io.newmankeyvault.secrets;

import java.nio.file.Path;
import java.util.function.Supplier;

/** Which source a plan reads from; shared by {@code run} and {@code audit}. */
public final class SecretSources {
  private SecretSources() {}

  /**
   * The secrets file when one is given; a source with nothing in it when no secret is needed (so
   * Key Vault, and the Azure SDK, are not even loaded); else Key Vault.
   */
  public static SecretSource choose(
      Path secretsFile, boolean secretsNeeded, Supplier<SecretSource> keyVault) {
    if (secretsFile != null) {
      return SecretsFile.load(secretsFile);
    }
    return secretsNeeded ? keyVault.get() : SecretsFile.none();
  }
}
