package io.newmankeyvault.hydrate;

import io.newmankeyvault.base.NameSuggestions;
import io.newmankeyvault.reference.SecretId;
import io.newmankeyvault.secrets.SecretLookup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which secrets of the vault scope ({@code {{vault:NAME}}} and secure variables) scripts may use
 * through {@code pm.vault}: those whose Key Vault secret is named by {@code --script-access}, or
 * tagged {@code script-access=true}. None by default, as in Postman, where scripts reach the vault
 * only when the user allows it. Secrets that reach Newman as environment variables ({@code akv://},
 * {@code --secret}) are the environment's, which scripts read anyway.
 */
public final class ScriptAccess {
  private static final String PREFIX = "vault:";

  private ScriptAccess() {}

  /** Whether scripts may use a {@link Binding.Origin#POSTMAN_VAULT} binding's secret. */
  public static boolean allows(Resolution resolution, Binding binding, List<String> options) {
    SecretId secret = binding.reference().secret();
    return binding.origin() == Binding.Origin.POSTMAN_VAULT
        && (options.contains(secret.name())
            || (resolution.lookup(secret) instanceof SecretLookup.Found found
                && "true".equalsIgnoreCase(strip(found.scriptAccessTag()))));
  }

  /** The NAMEs ({@code pm.vault.get(NAME)}) scripts may use, in plan order. */
  public static List<String> readableNames(Resolution resolution, List<String> options) {
    List<String> names = new ArrayList<>();
    for (Binding binding : resolution.plan().bindings()) {
      if (allows(resolution, binding, options)) {
        names.add(binding.variable().substring(PREFIX.length()));
      }
    }
    return names;
  }

  /**
   * One line (exit 4) for each secret read whose {@code script-access} tag is not true or false.
   */
  public static List<String> badTags(Resolution resolution) {
    List<String> lines = new ArrayList<>();
    for (SecretId id : resolution.plan().secrets()) {
      if (resolution.lookup(id) instanceof SecretLookup.Found found
          && found.scriptAccessTag() != null
          && !Set.of("true", "false")
              .contains(strip(found.scriptAccessTag()).toLowerCase(Locale.ROOT))) {
        lines.add(
            "secret '"
                + id.nameAndVersion()
                + "' (vault "
                + id.vaultLabel()
                + "): its script-access tag is neither true nor false: fix the tag");
      }
    }
    return lines;
  }

  /**
   * One line (exit 2) for each {@code --script-access} that names no secret of the vault scope,
   * with what it may have meant.
   */
  public static List<String> unknownNames(Plan plan, List<String> options) {
    Set<String> vaultSecrets = new LinkedHashSet<>();
    Map<String, String> secretByName = new LinkedHashMap<>();
    Map<String, String> variableBySecret = new LinkedHashMap<>();
    for (Binding binding : plan.bindings()) {
      String secret = binding.reference().secret().name();
      if (binding.origin() == Binding.Origin.POSTMAN_VAULT) {
        vaultSecrets.add(secret);
        secretByName.putIfAbsent(binding.variable().substring(PREFIX.length()), secret);
      } else if (binding.origin() != Binding.Origin.CLIENT_CERTIFICATE) {
        variableBySecret.putIfAbsent(secret, binding.variable());
      }
    }
    List<String> lines = new ArrayList<>();
    for (String name : options) {
      if (vaultSecrets.contains(name)) {
        continue;
      }
      String hint;
      if (secretByName.containsKey(name)) {
        hint =
            "; did you mean '"
                + secretByName.get(name)
                + "', the Key Vault secret behind {{vault:"
                + name
                + "}}?";
      } else if (variableBySecret.containsKey(name)) {
        hint =
            ": it reaches Newman as environment variable '"
                + variableBySecret.get(name)
                + "', which scripts read with pm.environment already";
      } else {
        hint =
            NameSuggestions.closest(name, vaultSecrets)
                .map(closest -> "; did you mean '" + closest + "'?")
                .orElse(
                    vaultSecrets.isEmpty()
                        ? ": this run has no {{vault:}} secret or secure variable"
                        : ": those of this run are " + String.join(", ", vaultSecrets));
      }
      lines.add(
          "--script-access names secret '"
              + name
              + "', which no {{vault:}} reference or secure variable of this run reads (name the"
              + " Key Vault secret)"
              + hint);
    }
    return lines;
  }

  private static String strip(String text) {
    return text == null ? "" : text.strip();
  }
}
