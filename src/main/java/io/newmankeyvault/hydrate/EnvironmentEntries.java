package io.newmankeyvault.hydrate;

import com.fasterxml.jackson.databind.JsonNode;
import io.newmankeyvault.postman.EnvironmentFile;

/** Rules about Postman environment entries. */
final class EnvironmentEntries {
  private EnvironmentEntries() {}

  /**
   * Whether Newman should see the entry. Postman writes {@code "enabled": false}, which Newman
   * ignores (it only honours {@code "disabled": true}), so both are dropped before Newman runs.
   */
  static boolean isEnabled(JsonNode entry) {
    return !(entry.path("enabled").isBoolean() && !entry.get("enabled").asBoolean())
        && !entry.path("disabled").asBoolean(false);
  }

  /** Whether the entry is a variable Newman would see: enabled, an object with a string key. */
  static boolean isVariable(JsonNode entry) {
    return EnvironmentFile.isVariable(entry) && isEnabled(entry);
  }
}
