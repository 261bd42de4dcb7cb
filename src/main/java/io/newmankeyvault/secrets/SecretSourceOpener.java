package io.newmankeyvault.secrets;

import java.util.function.Consumer;

/**
 * Opens a remote secret source (Key Vault): given by the command layer, so that only it knows which
 * one, and called only when a plan needs a secret and no secrets file is given.
 */
@FunctionalInterface
public interface SecretSourceOpener {
  /**
   * Opens the source.
   *
   * @param protect takes every credential the source obtains (tokens) the moment it has it
   */
  SecretSource open(Consumer<String> protect);
}
