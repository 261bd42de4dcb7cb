package io.newmankeyvault.secrets;

import java.time.Instant;

/** The outcome of reading one secret: its value and what is known about it, or why it failed. */
public sealed interface SecretLookup {

  /**
   * A secret that was read.
   *
   * @param value the value, byte-exact as stored; a protected value
   * @param version the version read, or null when the source has no versions
   * @param expires when the secret expires, or null
   */
  record Found(String value, String version, Instant expires) implements SecretLookup {
    @Override
    public String toString() {
      // Never the value: records print their fields by default.
      return "Found[version=" + version + ", expires=" + expires + "]";
    }
  }

  /**
   * A secret that could not be read.
   *
   * @param reason what went wrong and what to do, without the value, e.g. "not found in secrets
   *     file demo.secrets"
   */
  record Failed(String reason) implements SecretLookup {}
}
