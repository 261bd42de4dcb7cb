package io.newmankeyvault.secrets;

import java.time.Instant;
import java.util.List;

/** The outcome of reading one secret: its value and what is known about it, or why it failed. */
public sealed interface SecretLookup {

  /**
   * A secret that was read.
   *
   * @param value the value, byte-exact as stored; a protected value
   * @param version the version read, or null when the source has no versions
   * @param expires when the secret expires, or null
   * @param allowedDomains the URL patterns of the secret's {@code allowed-domains} tag, in order;
   *     empty when it has none (a secrets file has no tags)
   * @param scriptAccessTag the value of the secret's {@code script-access} tag as written, or null
   *     when it has none
   */
  record Found(
      String value,
      String version,
      Instant expires,
      List<String> allowedDomains,
      String scriptAccessTag)
      implements SecretLookup {
    public Found {
      allowedDomains = List.copyOf(allowedDomains);
    }

    /** A secret without a {@code script-access} tag. */
    public Found(String value, String version, Instant expires, List<String> allowedDomains) {
      this(value, version, expires, allowedDomains, null);
    }

    /** A secret without tags. */
    public Found(String value, String version, Instant expires) {
      this(value, version, expires, List.of());
    }

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
