package io.newmankeyvault.hydrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.base.Json;
import java.util.List;
import java.util.Map;

/**
 * The {@code {{vault:NAME}}} secrets as postman-runtime's vault scope takes them ({@code
 * vaultSecrets}): one variable {@code vault:NAME} per name, with the secret's {@link
 * AllowedDomains} in its {@code _domains} meta property (none: it resolves in every request, as in
 * Postman). The scope is in no script's context, so no script can list it.
 */
public final class VaultScope {
  private VaultScope() {}

  /**
   * The scope as JSON bytes. Every secret must have been read.
   *
   * @param allowedDomains the {@code --allowed-domains} patterns by Key Vault secret name; a secret
   *     without them keeps its {@code allowed-domains} tag's (see {@link AllowedDomains})
   * @param eventToken what the preload writes before each line it tells the tool (a request that
   *     went out with a secret withheld), or null for none
   */
  public static byte[] json(
      Resolution resolution, Map<String, List<String>> allowedDomains, String eventToken) {
    Map<String, AllowedDomains> effective = AllowedDomains.of(resolution, allowedDomains);
    ObjectNode scope = Json.MAPPER.createObjectNode();
    if (eventToken != null) {
      scope.put("events", eventToken);
    }
    ArrayNode values = scope.putArray("values");
    for (Binding binding : resolution.plan().bindings()) {
      if (binding.origin() != Binding.Origin.POSTMAN_VAULT) {
        continue;
      }
      ObjectNode variable = values.addObject();
      variable.put("key", binding.variable());
      variable.put("value", resolution.value(binding));
      variable.put("type", "secret");
      List<String> domains = effective.get(binding.variable()).patterns();
      if (!domains.isEmpty()) {
        ArrayNode patterns = variable.putArray("_domains");
        domains.forEach(patterns::add);
      }
    }
    try {
      return Json.MAPPER.writeValueAsBytes(scope);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write the vault scope", e);
    }
  }
}
