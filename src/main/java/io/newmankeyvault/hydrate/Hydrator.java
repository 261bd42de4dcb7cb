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
    return bytes(hydrated(environment, resolution));
  }

  /**
   * The hydrated environment for the Postman CLI, which has no vault scope of the tool's: each
   * {@code {{vault:NAME}}} secret becomes an entry named {@code vault:NAME} (which the CLI resolves
   * {@code {{vault:NAME}}} from), and secure variables lose their {@code source} and {@code secret}
   * marks, so that the CLI takes the {@code {{vault:KEY}}} value instead of asking Postman's vault
   * (with {@code "secret": true} left, Postman CLI 1.62 resolves it to nothing). Scripts can read
   * these entries (documented in docs/usage.md).
   */
  public static byte[] hydrateForPostmanCli(ObjectNode environment, Resolution resolution) {
    ObjectNode hydrated = hydrated(environment, resolution);
    ArrayNode values = (ArrayNode) hydrated.get("values");
    for (JsonNode entry : values) {
      if (entry instanceof ObjectNode object && object.has("source")) {
        // The CLI would ask Postman's vault for it; and it drops a "secret": true entry's value.
        object.remove("source");
        object.remove("secret");
      }
    }
    Set<String> added = new HashSet<>();
    for (Binding binding : resolution.plan().bindings()) {
      if (binding.origin() == Binding.Origin.POSTMAN_VAULT && added.add(binding.variable())) {
        ObjectNode entry = values.addObject();
        entry.put("key", binding.variable());
        entry.put("value", resolution.value(binding));
        entry.put("type", "secret");
        entry.put("enabled", true);
      }
    }
    return bytes(hydrated);
  }

  private static byte[] bytes(ObjectNode hydrated) {
    try {
      return Json.MAPPER.writeValueAsBytes(hydrated);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write the hydrated environment", e);
    }
  }

  private static ObjectNode hydrated(ObjectNode environment, Resolution resolution) {
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
    return hydrated;
  }
}
