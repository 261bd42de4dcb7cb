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
 */
public record Plan(List<Binding> bindings) {
  public Plan {
    bindings = List.copyOf(bindings);
  }

  /** The distinct secrets to read: each is read once, however often it is referenced. */
  public Set<SecretId> secrets() {
    Set<SecretId> ids = new LinkedHashSet<>();
    bindings.forEach(binding -> ids.add(binding.reference().secret()));
    return ids;
  }
}
