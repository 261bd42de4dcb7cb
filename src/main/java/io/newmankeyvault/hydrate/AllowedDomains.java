package io.newmankeyvault.hydrate;

import io.newmankeyvault.reference.SecretId;
import io.newmankeyvault.secrets.SecretLookup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a secret may be sent: the {@code --allowed-domains} patterns for its Key Vault name if any,
 * else its {@code allowed-domains} tag's, else anywhere (as in Postman). One policy per secret,
 * whatever reference brought it ({@code {{vault:}}}, {@code akv://}, {@code @Microsoft.KeyVault},
 * {@code --secret}): postman-runtime keeps a {@code {{vault:NAME}}} to its domains, and Newman's
 * guard blocks every request that would carry a bound secret elsewhere.
 *
 * @param secret the Key Vault secret's name
 * @param patterns the URL patterns, empty for anywhere
 * @param source where they came from
 */
public record AllowedDomains(String secret, List<String> patterns, Source source) {
  /**
   * A pattern as postman-runtime reads a vault secret's domain: an optional scheme, a host ({@code
   * *}, {@code *.DOMAIN} or a name or address), an optional port, and at most {@code /} or {@code
   * /*} after it.
   */
  private static final Pattern PATTERN =
      Pattern.compile(
          "^(?:(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://)?(?<host>[^/:?#]*)(?::(?<port>[^/?#]*))?"
              + "(?<path>[/?#].*)?$");

  private static final Pattern HOST =
      Pattern.compile(
          "^(?:\\*|(?:\\*\\.)?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:"
              + "[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?)$");

  public AllowedDomains {
    patterns = List.copyOf(patterns);
  }

  /** Where the patterns came from. */
  public enum Source {
    OPTION("--allowed-domains"),
    TAG("tag allowed-domains"),
    NONE("none");

    private final String label;

    Source(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** The patterns and their source, as the dry run and the job summary show them. */
  public String describe() {
    return patterns.isEmpty()
        ? "anywhere (no allowed domains)"
        : String.join(", ", patterns) + " (" + source.label() + ")";
  }

  /**
   * Why a pattern can never match a request Newman sends, or null when it can: a scheme other than
   * http, https or {@code *}, a wildcard anywhere but a leading {@code *.}, a port outside 1 to
   * 65535, or a path (the domains are hosts: a path would seem to narrow them and would not).
   */
  public static String problemWith(String pattern) {
    Matcher parts = PATTERN.matcher(pattern);
    if (!parts.matches()) {
      return "is not a host pattern";
    }
    String scheme = parts.group("scheme");
    if (scheme != null && !Set.of("http", "https", "*").contains(scheme)) {
      return "has scheme '" + scheme + "': Newman sends requests over http or https only";
    }
    String host = parts.group("host");
    if (host.isEmpty()) {
      return "has no host";
    }
    if (!HOST.matcher(host).matches()) {
      return host.contains("*")
          ? "puts '*' inside the host: only a leading '*.' (any subdomain) or '*' alone matches"
          : "has a host that is not a DNS name or IPv4 address";
    }
    String port = parts.group("port");
    if (port != null && !port.equals("*")) {
      int number;
      try {
        number = port.isEmpty() || port.length() > 5 ? -1 : Integer.parseInt(port);
      } catch (NumberFormatException e) {
        number = -1;
      }
      if (number < 1 || number > 65535) {
        return "has port '" + port + "', outside 1 to 65535";
      }
    }
    String path = parts.group("path");
    if (path != null && !path.equals("/") && !path.equals("/*")) {
      return "has a path ('"
          + path
          + "'): allowed domains are hosts, the whole host is allowed; drop the path";
    }
    return null;
  }

  /**
   * Each {@code {{vault:NAME}}} variable's domains, in plan order; a secret that could not be read
   * counts its option only.
   *
   * @param options the {@code --allowed-domains} patterns by Key Vault secret name
   */
  public static Map<String, AllowedDomains> of(
      Resolution resolution, Map<String, List<String>> options) {
    Map<String, AllowedDomains> byVariable = new LinkedHashMap<>();
    for (Binding binding : resolution.plan().bindings()) {
      if (binding.origin() == Binding.Origin.POSTMAN_VAULT) {
        byVariable.put(binding.variable(), forSecret(resolution, binding, options));
      }
    }
    return byVariable;
  }

  /**
   * Each secret's domains, in plan order, for every reference but {@code --client-cert} (a client
   * certificate goes only to its own hosts).
   */
  public static Map<SecretId, AllowedDomains> bySecret(
      Resolution resolution, Map<String, List<String>> options) {
    Map<SecretId, AllowedDomains> bySecret = new LinkedHashMap<>();
    for (Binding binding : resolution.plan().bindings()) {
      if (binding.origin() != Binding.Origin.CLIENT_CERTIFICATE) {
        bySecret.putIfAbsent(binding.reference().secret(), forSecret(resolution, binding, options));
      }
    }
    return bySecret;
  }

  private static AllowedDomains forSecret(
      Resolution resolution, Binding binding, Map<String, List<String>> options) {
    String secret = binding.reference().secret().name();
    List<String> option = options.get(secret);
    SecretLookup lookup = resolution.lookup(binding.reference().secret());
    List<String> tag =
        lookup instanceof SecretLookup.Found found ? found.allowedDomains() : List.of();
    return option != null && !option.isEmpty()
        ? new AllowedDomains(secret, option, Source.OPTION)
        : !tag.isEmpty()
            ? new AllowedDomains(secret, tag, Source.TAG)
            : new AllowedDomains(secret, List.of(), Source.NONE);
  }

  /**
   * One line (exit 2) for each {@code --allowed-domains} that names a secret no reference of the
   * plan reads, with the closest secret name when there is one, or the secret behind a variable of
   * that name.
   */
  public static List<String> unknownNames(Plan plan, Map<String, List<String>> options) {
    Set<String> secrets = new LinkedHashSet<>();
    Map<String, String> secretByVariable = new LinkedHashMap<>();
    for (Binding binding : plan.bindings()) {
      if (binding.origin() != Binding.Origin.CLIENT_CERTIFICATE) {
        secrets.add(binding.reference().secret().name());
        secretByVariable.putIfAbsent(binding.variable(), binding.reference().secret().name());
        if (binding.variable().startsWith("vault:")) {
          secretByVariable.putIfAbsent(
              binding.variable().substring("vault:".length()), binding.reference().secret().name());
        }
      }
    }
    List<String> lines = new ArrayList<>();
    for (String name : options.keySet()) {
      if (secrets.contains(name)) {
        continue;
      }
      String behind = secretByVariable.get(name);
      String hint =
          behind != null
              ? "; did you mean '"
                  + behind
                  + "', the Key Vault secret behind variable '"
                  + name
                  + "'?"
              : io.newmankeyvault.base.NameSuggestions.closest(name, secrets)
                  .map(closest -> "; did you mean '" + closest + "'?")
                  .orElse(
                      secrets.isEmpty()
                          ? ": this run reads no secret"
                          : ": this run reads " + String.join(", ", secrets));
      lines.add(
          "--allowed-domains names secret '"
              + name
              + "', which no reference of this run reads (name the Key Vault secret)"
              + hint);
    }
    return lines;
  }

  /**
   * One line for each secret read whose {@code allowed-domains} tag holds a pattern that can never
   * match: such a secret is not used (exit 4) rather than sent nowhere or anywhere.
   */
  public static List<String> badTags(Resolution resolution) {
    List<String> lines = new ArrayList<>();
    for (SecretId id : resolution.plan().secrets()) {
      if (resolution.lookup(id) instanceof SecretLookup.Found found) {
        for (String pattern : found.allowedDomains()) {
          String problem = problemWith(pattern);
          if (problem != null) {
            lines.add(
                "secret '"
                    + id.nameAndVersion()
                    + "' (vault "
                    + id.vaultLabel()
                    + "): its allowed-domains tag pattern '"
                    + pattern
                    + "' "
                    + problem
                    + ": fix the tag");
          }
        }
      }
    }
    return lines;
  }

  /** For --require-allowed-domains: one line per secret that may go anywhere. */
  public static List<String> unbound(Resolution resolution, Map<String, List<String>> options) {
    Map<SecretId, List<String>> variables = new LinkedHashMap<>();
    for (Binding binding : resolution.plan().bindings()) {
      if (binding.origin() != Binding.Origin.CLIENT_CERTIFICATE) {
        variables
            .computeIfAbsent(binding.reference().secret(), id -> new ArrayList<>())
            .add(
                binding.origin() == Binding.Origin.POSTMAN_VAULT
                    ? "{{" + binding.variable() + "}}"
                    : "variable " + binding.variable());
      }
    }
    List<String> lines = new ArrayList<>();
    bySecret(resolution, options)
        .forEach(
            (id, domains) -> {
              if (domains.source() == Source.NONE) {
                lines.add(
                    "secret '"
                        + domains.secret()
                        + "' ("
                        + String.join(", ", variables.get(id))
                        + ") has no allowed domains, which --require-allowed-domains requires:"
                        + " tag it allowed-domains in Key Vault, or pass --allowed-domains "
                        + domains.secret()
                        + "=PATTERN");
              }
            });
    return lines;
  }
}
