package io.newmankeyvault.reference;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/** Azure's clouds: their Entra ID authority hosts and Key Vault DNS suffixes. */
public final class Clouds {
  /** The public cloud's authority. */
  public static final String PUBLIC_AUTHORITY = "https://login.microsoftonline.com";

  private static final Map<String, String> VAULT_SUFFIX_BY_AUTHORITY =
      Map.of(
          "login.microsoftonline.com", "vault.azure.net",
          "login.chinacloudapi.cn", "vault.azure.cn",
          "login.microsoftonline.us", "vault.usgovcloudapi.net");

  private Clouds() {}

  /** The authority host's name, lower case, or "" when it is not a URL. */
  static String host(String authorityHost) {
    try {
      String host = URI.create(authorityHost.strip()).getHost();
      return host == null ? "" : host.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  /** Whether the authority is one of Azure's own clouds (MSAL's instance discovery knows it). */
  public static boolean isKnown(String authorityHost) {
    return VAULT_SUFFIX_BY_AUTHORITY.containsKey(host(authorityHost));
  }

  /** The suffix given with {@code --key-vault-suffix}, else the authority's cloud's. */
  public static String vaultSuffix(String givenSuffix, String authorityHost) {
    return givenSuffix != null ? givenSuffix : vaultSuffixFor(authorityHost);
  }

  /**
   * The Key Vault suffix of the cloud an authority belongs to: {@code vault.azure.cn} for Azure
   * China, {@code vault.usgovcloudapi.net} for US Government, else {@code vault.azure.net}.
   */
  public static String vaultSuffixFor(String authorityHost) {
    if (authorityHost == null) {
      return "vault.azure.net";
    }
    return VAULT_SUFFIX_BY_AUTHORITY.getOrDefault(host(authorityHost), "vault.azure.net");
  }
}
