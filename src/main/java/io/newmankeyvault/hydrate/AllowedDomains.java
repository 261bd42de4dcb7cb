package io.newmankeyvault.hydrate;

import io.newmankeyvault.secrets.SecretLookup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a {@code {{vault:NAME}}} secret may be sent: the {@code --allowed-domains} patterns for its
 * Key Vault name if any, else its {@code allowed-domains} tag's, else anywhere (as in Postman).
 *
 * @param secret the Key Vault secret's name
 * @param patterns the URL patterns, empty for anywhere
 * @param source where they came from
 */
public record AllowedDomains(String secret, List<String> patterns, Source source) {
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
   * Each {@code {{vault:NAME}}} variable's domains, in plan order; a secret that could not be read
   * counts its option only.
   *
   * @param options the {@code --allowed-domains} patterns by Key Vault secret name
   */
  public static Map<String, AllowedDomains> of(
      Resolution resolution, Map<String, List<String>> options) {
    Map<String, AllowedDomains> byVariable = new LinkedHashMap<>();
    for (Binding binding : resolution.plan().bindings()) {
      if (binding.origin() != Binding.Origin.POSTMAN_VAULT) {
        continue;
      }
      String secret = binding.reference().secret().name();
      List<String> option = options.get(secret);
      SecretLookup lookup = resolution.lookup(binding.reference().secret());
      List<String> tag =
          lookup instanceof SecretLookup.Found found ? found.allowedDomains() : List.of();
      AllowedDomains domains =
          option != null && !option.isEmpty()
              ? new AllowedDomains(secret, option, Source.OPTION)
              : !tag.isEmpty()
                  ? new AllowedDomains(secret, tag, Source.TAG)
                  : new AllowedDomains(secret, List.of(), Source.NONE);
      byVariable.put(binding.variable(), domains);
    }
    return byVariable;
  }

  /** For --require-allowed-domains: one line per {{vault:}} secret that may go anywhere. */
  public static List<String> unbound(Resolution resolution, Map<String, List<String>> options) {
    List<String> lines = new ArrayList<>();
    of(resolution, options)
        .forEach(
            (variable, domains) -> {
              if (domains.source() == Source.NONE) {
                lines.add(
                    "secret '"
                        + domains.secret()
                        + "' ({{"
                        + variable
                        + "}}) has no allowed domains, which --require-allowed-domains requires:"
                        + " tag it allowed-domains in Key Vault, or pass --allowed-domains "
                        + domains.secret()
                        + "=PATTERN");
              }
            });
    return lines;
  }
}
