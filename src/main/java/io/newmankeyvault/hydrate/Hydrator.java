package io.newmankeyvault.hydrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.postman.EnvironmentFile;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Writes the environment Newman gets: the input environment without its disabled entries, with each
 * reference replaced by its secret in the entry that holds it, plus one entry per variable that
 * only a reference defines ({@code --secret}, collection variables, globals; {@code {{vault:NAME}}}
 * secrets go to the vault scope instead, see {@link VaultScope}, and a secure variable gets the
 * value {@code {{vault:KEY}}}). Everything else (other entries, duplicate keys, value types, key
 * order) stays as it was. Values are byte-exact.
 */
public final class Hydrator {
  private Hydrator() {}

  /**
   * The hydrated environment as JSON bytes. Every secret must have been read: call only when {@link
   * Resolution#failures()} is empty.
   */
  public static byte[] hydrate(ObjectNode environment, Resolution resolution) {
    Map<Integer, String> valueByEntry = new HashMap<>();
    Map<String, String> valueByVariable = new LinkedHashMap<>();
    Set<String> vaultVariables = new HashSet<>();
    for (Binding binding : resolution.plan().bindings()) {
      if (binding.origin() == Binding.Origin.POSTMAN_VAULT) {
        vaultVariables.add(binding.variable()); // served by the vault scope (VaultScope) only
        continue;
      }
      if (binding.origin() == Binding.Origin.CLIENT_CERTIFICATE) {
        continue; // not a variable: Newman's client certificate list
      }
      if (binding.entry() == Binding.NO_ENTRY) {
        valueByVariable.put(binding.variable(), resolution.value(binding));
      } else {
        valueByEntry.put(binding.entry(), resolution.value(binding));
      }
    }

    // A secure variable becomes its {{vault:KEY}}: the secret stays in the vault scope.
    for (SecureVariable secure : resolution.plan().secureVariables()) {
      if (secure.entry() == Binding.NO_ENTRY) {
        valueByVariable.putIfAbsent(secure.key(), secure.reference());
      } else {
        valueByEntry.put(secure.entry(), secure.reference());
      }
    }

    ObjectNode hydrated = environment.deepCopy();
    ArrayNode values = hydrated.putArray("values");
    Set<String> keysPresent = new HashSet<>();
    int position = -1;
    for (JsonNode entry : environment.get("values")) {
      position++;
      if (!EnvironmentEntries.isEnabled(entry)) {
        continue;
      }
      if (!EnvironmentFile.isVariable(entry)) {
        values.add(entry.deepCopy()); // Newman ignores it, as it would have
        continue;
      }
      String key = entry.get("key").asText();
      if (vaultVariables.contains(key)) {
        continue; // an entry named vault:NAME would shadow the vault scope and its domains
      }
      ObjectNode copy = ((ObjectNode) entry).deepCopy();
      keysPresent.add(key);
      String secret = valueByEntry.getOrDefault(position, valueByVariable.get(key));
      if (secret != null) {
        copy.put("value", secret);
      }
      values.add(copy);
    }
    // Variables the environment does not have yet, in plan order.
    valueByVariable.forEach(
        (variable, secret) -> {
          if (keysPresent.contains(variable)) {
            return;
          }
          ObjectNode entry = values.addObject();
          entry.put("key", variable);
          entry.put("value", secret);
          entry.put("type", "secret");
          entry.put("enabled", true);
        });
    try {
      return Json.MAPPER.writeValueAsBytes(hydrated);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write the hydrated environment", e);
    }
  }
}
