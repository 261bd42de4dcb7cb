package io.newmankeyvault.reference;

import io.newmankeyvault.base.UrlText;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns the ways users name a vault (a name, a host, an https URL) into one host, so references to
 * the same vault written differently are read once. Immutable and thread-safe.
 */
public final class Vaults {
  /** The public Azure cloud's suffix: {@code myvault} becomes {@code myvault.vault.azure.net}. */
  public static final String DEFAULT_SUFFIX = "vault.azure.net";

  // Azure's rule for vault names: 3-24 characters, letters, digits and '-', starting with a letter.
  private static final Pattern VAULT_NAME =
      Pattern.compile("[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?");

  private final String suffix;
  private final String defaultVault;

  /**
   * @param defaultVault the {@code --key-vault} value (name, host or URL), or null when none
   * @param suffix the {@code --key-vault-suffix} value, or null for {@link #DEFAULT_SUFFIX}
   */
  public Vaults(String defaultVault, String suffix) {
    this.suffix = checkSuffix(suffix == null || suffix.isBlank() ? DEFAULT_SUFFIX : suffix);
    this.defaultVault = defaultVault == null || defaultVault.isBlank() ? null : host(defaultVault);
  }

  /** The default vault's host, or null when {@code --key-vault} was not given. */
  public String defaultVault() {
    return defaultVault;
  }

  /**
   * The host of a vault named as {@code kv-prod}, {@code kv-prod.vault.azure.net[:port]} or {@code
   * https://kv-prod.vault.azure.net[:port][/]}; lower case.
   */
  public String host(String nameHostOrUrl) {
    String text = nameHostOrUrl.strip();
    String shown = UrlText.withoutCredentials(text);
    if (!shown.equals(text)) {
      // Never quoted whole: a user part or a query may hold a credential.
      throw new ReferenceException(
          "vault '"
              + shown
              + "' is written with a user part, a query or a fragment: give a vault name, host or"
              + " https URL (https://HOST[:PORT])");
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://")) {
      throw new ReferenceException(
          "vault '" + shown + "' uses http: Key Vault is only reachable over https");
    }
    if (lower.startsWith("https://")) {
      String rest = text.substring("https://".length());
      if (rest.endsWith("/")) {
        rest = rest.substring(0, rest.length() - 1);
      }
      return checkHost(rest, shown);
    }
    if (text.contains(".") || text.contains(":")) {
      return checkHost(text, shown);
    }
    if (!VAULT_NAME.matcher(text).matches()) {
      throw new ReferenceException(
          "'"
              + shown
              + "' is not a valid vault name (3 to 24 letters, digits and '-', starting with a"
              + " letter); give a vault name, host or https URL");
    }
    return lower + "." + suffix;
  }

  /** {@code asWritten}: the vault as a message may show it (no user part, query or fragment). */
  private static String checkHost(String host, String asWritten) {
    if (!HOST.matcher(host).matches() || host.startsWith(".") || host.startsWith("-")) {
      throw new ReferenceException(
          "'" + asWritten + "' is not a vault name, host or https URL (https://HOST[:PORT])");
    }
    return host.toLowerCase(Locale.ROOT);
  }

  private static String checkSuffix(String suffix) {
    String s = suffix.strip();
    if (s.startsWith(".")) {
      s = s.substring(1);
    }
    if (!HOST.matcher(s).matches()) {
      throw new ReferenceException(
          "--key-vault-suffix '" + suffix + "' is not a DNS suffix (SUFFIX[:PORT])");
    }
    return s.toLowerCase(Locale.ROOT);
  }
}
