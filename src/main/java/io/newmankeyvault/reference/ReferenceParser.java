package io.newmankeyvault.reference;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the reference grammar (the README's References table): {@code {{vault:NAME}}} anywhere in
 * a text, and {@code akv://}, both {@code @Microsoft.KeyVault(...)} forms and {@code
 * {{vault:NAME}}} as whole values. Immutable and thread-safe.
 */
public final class ReferenceParser {
  private static final String VAULT_OPEN = "{{vault:";
  private static final String VAULT_CLOSE = "}}";
  private static final String AKV = "akv://";
  private static final String APP_SERVICE = "@microsoft.keyvault(";

  private final Vaults vaults;
  private final Map<String, String> nameMap;

  /**
   * @param vaults how vault names become hosts, and the default vault for {@code {{vault:NAME}}}
   * @param nameMap {@code --map NAME=SECRET} overrides of the {@code {{vault:NAME}}} mapping
   */
  public ReferenceParser(Vaults vaults, Map<String, String> nameMap) {
    this.vaults = vaults;
    Map<String, String> checked = new LinkedHashMap<>();
    nameMap.forEach((name, secret) -> checked.put(name, SecretNames.requireValidName(secret)));
    this.nameMap = Map.copyOf(checked);
  }

  /**
   * Every distinct NAME of a {@code {{vault:NAME}}} in {@code text}, in order of appearance, added
   * to {@code names}.
   */
  public static void findPostmanVaultNames(String text, Set<String> names) {
    int from = text.indexOf(VAULT_OPEN);
    while (from >= 0) {
      int start = from + VAULT_OPEN.length();
      int end = text.indexOf(VAULT_CLOSE, start);
      if (end < 0) {
        return;
      }
      String name = text.substring(start, end);
      // A '{' inside means the braces belong to something else, e.g. "{{vault:{{x}}".
      if (!name.isEmpty() && name.indexOf('{') < 0 && name.indexOf('\n') < 0) {
        names.add(name);
      }
      from = text.indexOf(VAULT_OPEN, start);
    }
  }

  /** The distinct {@code {{vault:NAME}}} names in a text. */
  public static Set<String> postmanVaultNames(String text) {
    Set<String> names = new LinkedHashSet<>();
    findPostmanVaultNames(text, names);
    return names;
  }

  /** The reference that {@code {{vault:NAME}}} stands for, in the default vault. */
  public Reference postmanVault(String name) {
    return new Reference(
        VAULT_OPEN + name + VAULT_CLOSE,
        Reference.Form.POSTMAN_VAULT,
        new SecretId(vaults.defaultVault(), secretNameFor(name), null));
  }

  /**
   * The Key Vault secret name for a Postman Vault NAME: the {@code --map} entry, else NAME when it
   * is a valid secret name, else NAME with '_', '.' and spaces turned into '-'.
   */
  public String secretNameFor(String postmanVaultName) {
    String mapped = nameMap.get(postmanVaultName);
    if (mapped != null) {
      return mapped;
    }
    if (SecretNames.isValidName(postmanVaultName)) {
      return postmanVaultName;
    }
    String replaced = postmanVaultName.replace('_', '-').replace('.', '-').replace(' ', '-');
    if (!SecretNames.isValidName(replaced)) {
      throw new ReferenceException(
          "{{vault:"
              + postmanVaultName
              + "}} does not map to a valid Key Vault secret name (1 to 127 letters, digits and"
              + " '-'): add --map '"
              + postmanVaultName
              + "=secret-name'");
    }
    return replaced;
  }

  /**
   * Parses a whole value. Empty when the value is not a reference; throws {@link
   * ReferenceException} when it starts like one but is malformed. Surrounding whitespace is
   * ignored.
   */
  public Optional<Reference> parseWholeValue(String value) {
    String text = value.strip();
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.startsWith(AKV)) {
      return Optional.of(parseAkv(text));
    }
    if (lower.startsWith(APP_SERVICE)) {
      return Optional.of(parseAppService(text));
    }
    if (text.startsWith(VAULT_OPEN)
        && text.endsWith(VAULT_CLOSE)
        && text.indexOf(VAULT_CLOSE) == text.length() - VAULT_CLOSE.length()) {
      String name = text.substring(VAULT_OPEN.length(), text.length() - VAULT_CLOSE.length());
      if (name.isEmpty() || name.indexOf('{') >= 0) {
        throw new ReferenceException("{{vault:NAME}} needs a NAME");
      }
      return Optional.of(postmanVault(name));
    }
    return Optional.empty();
  }

  private Reference parseAkv(String text) {
    String rest = text.substring(AKV.length());
    if (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    String[] parts = rest.split("/", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty()) {
      throw new ReferenceException("an akv:// reference must read akv://VAULT/SECRET[/VERSION]");
    }
    String version = parts.length == 3 ? SecretNames.requireValidVersion(parts[2]) : null;
    SecretId id =
        new SecretId(vaults.host(parts[0]), SecretNames.requireValidName(parts[1]), version);
    return new Reference(text, Reference.Form.AKV_URI, id);
  }

  private Reference parseAppService(String text) {
    if (!text.endsWith(")")) {
      throw new ReferenceException("an @Microsoft.KeyVault(...) reference must end with ')'");
    }
    String body = text.substring(APP_SERVICE.length(), text.length() - 1).strip();
    Map<String, String> params = new LinkedHashMap<>();
    for (String part : body.split(";", -1)) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new ReferenceException(
            "@Microsoft.KeyVault(...) takes SecretUri=... or VaultName=...;SecretName=..."
                + "[;SecretVersion=...]");
      }
      String key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      if (params.put(key, part.substring(eq + 1).strip()) != null) {
        throw new ReferenceException("@Microsoft.KeyVault(...) names " + key + " twice");
      }
    }
    if (params.containsKey("secreturi")) {
      if (params.size() != 1) {
        throw new ReferenceException(
            "@Microsoft.KeyVault(SecretUri=...) takes nothing besides SecretUri");
      }
      return new Reference(
          text, Reference.Form.APP_SERVICE_SECRET_URI, parseSecretUri(params.get("secreturi")));
    }
    String vault = params.remove("vaultname");
    String secret = params.remove("secretname");
    String version = params.remove("secretversion");
    if (vault == null || secret == null || !params.isEmpty()) {
      throw new ReferenceException(
          "@Microsoft.KeyVault(...) takes SecretUri=... or VaultName=...;SecretName=..."
              + "[;SecretVersion=...]");
    }
    SecretId id =
        new SecretId(
            vaults.host(vault),
            SecretNames.requireValidName(secret),
            version == null || version.isEmpty() ? null : SecretNames.requireValidVersion(version));
    return new Reference(text, Reference.Form.APP_SERVICE_VAULT_NAME, id);
  }

  private SecretId parseSecretUri(String uri) {
    String lower = uri.toLowerCase(Locale.ROOT);
    int marker = lower.indexOf("/secrets/");
    if (!lower.startsWith("https://") || marker < 0) {
      throw new ReferenceException(
          "SecretUri must read https://VAULT.vault.azure.net/secrets/SECRET[/VERSION]");
    }
    String host = vaults.host(uri.substring(0, marker));
    String rest = uri.substring(marker + "/secrets/".length());
    if (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    String[] parts = rest.split("/", -1);
    if (parts.length > 2 || parts[0].isEmpty()) {
      throw new ReferenceException(
          "SecretUri must read https://VAULT.vault.azure.net/secrets/SECRET[/VERSION]");
    }
    String version = parts.length == 2 ? SecretNames.requireValidVersion(parts[1]) : null;
    return new SecretId(host, SecretNames.requireValidName(parts[0]), version);
  }
}
