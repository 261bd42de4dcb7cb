package io.newmankeyvault.hydrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.postman.PostmanJson;
import io.newmankeyvault.secrets.SecretLookup;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the environment Newman gets: the input environment without its disabled entries, with
 * each reference replaced by its secret, plus one entry per variable that only a reference
 * defines ({@code --secret}, collection variables, {@code vault:NAME}). Values are byte-exact.
 */
public final class Hydrator {
  private Hydrator() {}

  /**
   * The hydrated environment as JSON bytes. Every secret must have been read: call only when
   * {@link Resolution#failures()} is empty.
   */
  public static byte[] hydrate(ObjectNode environment, Resolution resolution) {
    Map<String, String> valueByVariable = new LinkedHashMap<>();
    for (Binding binding : resolution.plan().bindings()) {
      SecretLookup lookup = resolution.lookup(binding.reference().secret());
      if (!(lookup instanceof SecretLookup.Found found)) {
        throw new IllegalStateException("hydrate called with an unread secret");
      }
      valueByVariable.put(binding.variable(), found.value());
    }

    ObjectNode hydrated = environment.deepCopy();
    ArrayNode values = hydrated.putArray("values");
    for (JsonNode entry : environment.get("values")) {
      if (!EnvironmentEntries.isEnabled(entry)) {
        continue;
      }
      ObjectNode copy = ((ObjectNode) entry).deepCopy();
      String secret = valueByVariable.remove(entry.get("key").asText());
      if (secret != null) {
        copy.put("value", secret);
      }
      values.add(copy);
    }
    // Variables the environment does not have yet, in plan order.
    valueByVariable.forEach(
        (variable, secret) -> {
          ObjectNode entry = values.addObject();
          entry.put("key", variable);
          entry.put("value", secret);
          entry.put("type", "secret");
          entry.put("enabled", true);
        });
    try {
      return PostmanJson.MAPPER.writeValueAsBytes(hydrated);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write the hydrated environment", e);
    }
  }
}
