package io.newmankeyvault.hydrate;

import io.newmankeyvault.reference.SecretId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which variables come from which secrets, in the order they will appear in the hydrated
 * environment.
 *
 * @param bindings one per variable to hydrate
 * @param secureVariables the Postman v12 secure variables Newman will see; each has the {@link
 *     Binding.Origin#POSTMAN_VAULT} binding {@code vault:KEY}
 */
public record Plan(List<Binding> bindings, List<SecureVariable> secureVariables) {
  public Plan {
    bindings = List.copyOf(bindings);
    secureVariables = List.copyOf(secureVariables);
  }

  /** A plan without secure variables. */
  public Plan(List<Binding> bindings) {
    this(bindings, List.of());
  }

  /**
   * Where a binding's reference was found, as the dry run shows it; for a secure variable's {@code
   * vault:KEY}, the scopes that define KEY as secure.
   */
  public String from(Binding binding) {
    if (binding.origin() == Binding.Origin.POSTMAN_VAULT) {
      List<String> scopes =
          secureVariables.stream()
              .filter(secure -> binding.variable().equals("vault:" + secure.key()))
              .map(secure -> secure.scope().label())
              .distinct()
              .toList();
      if (!scopes.isEmpty()) {
        return "secure variable (" + String.join(", ", scopes) + ")";
      }
    }
    return binding.origin().label();
  }

  /** The distinct secrets to read: each is read once, however often it is referenced. */
  public Set<SecretId> secrets() {
    Set<SecretId> ids = new LinkedHashSet<>();
    bindings.forEach(binding -> ids.add(binding.reference().secret()));
    return ids;
  }
}
