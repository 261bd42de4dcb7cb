package io.newmankeyvault.postman;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Postman v12's secure variables: a global, environment or collection variable whose value is a
 * secret chosen in Postman's vault. The document holds no value, only where it comes from ({@code
 * "source": {"provider": "postman", "postman": {"type": "local" | "cloud", "secretId": ...}}}), and
 * names the vault secret by id only: the tool reads it as {@code {{vault:KEY}}}, KEY being the
 * variable's key.
 */
public final class SecureVariables {
  private SecureVariables() {}

  /** Whether a variable entry is a secure variable, whatever its value. */
  public static boolean isSecure(JsonNode entry) {
    JsonNode source = entry.path("source");
    return source.isObject()
        && source.path("provider").asText("").equals("postman")
        && source.path("postman").isObject();
  }
}
