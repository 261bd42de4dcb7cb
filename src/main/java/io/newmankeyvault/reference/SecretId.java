package io.newmankeyvault.reference;

import java.util.Objects;

/**
 * One secret to read: a vault, a secret name and an optional pinned version. Two references that
 * name the same vault, secret and version are the same {@code SecretId}, so each is read once.
 *
 * @param vault the vault's host (with a port when one was given), or null for the default vault
 *     when no {@code --key-vault} was named (only a local secrets file can answer those)
 * @param name a valid Key Vault secret name
 * @param version a 32-hex version, or null for the latest
 */
public record SecretId(String vault, String name, String version) {
  public SecretId {
    Objects.requireNonNull(name, "name");
  }

  /** The vault as users read it: its host, or {@code -} for an unnamed default vault. */
  public String vaultLabel() {
    return vault == null ? "-" : vault;
  }

  /** {@code name} or {@code name/version}. */
  public String nameAndVersion() {
    return version == null ? name : name + "/" + version;
  }

  @Override
  public String toString() {
    return vaultLabel() + "/" + nameAndVersion();
  }
}
