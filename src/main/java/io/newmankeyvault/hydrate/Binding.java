package io.newmankeyvault.hydrate;

import io.newmankeyvault.reference.Reference;

/**
 * One environment variable that Newman will get from a secret.
 *
 * @param variable the variable's key in the hydrated environment, e.g. {@code DB_PASSWORD} or
 *     {@code vault:api-token}
 * @param origin where the reference was found
 * @param reference the reference, as written
 */
public record Binding(String variable, Origin origin, Reference reference) {

  /** Where a reference was found. */
  public enum Origin {
    /** A whole value of an environment variable. */
    ENVIRONMENT("environment"),
    /** A whole value of a collection variable: the environment entry overrides it in Newman. */
    COLLECTION_VARIABLE("collection variable"),
    /** A {@code --secret VAR=REF} option. */
    OPTION("--secret"),
    /** A {@code {{vault:NAME}}} somewhere in the collection or the environment. */
    POSTMAN_VAULT("{{vault:}}");

    private final String label;

    Origin(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
