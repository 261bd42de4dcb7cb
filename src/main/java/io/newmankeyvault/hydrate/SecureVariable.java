package io.newmankeyvault.hydrate;

/**
 * A Postman v12 secure variable Newman will see: read like {@code {{vault:KEY}}}, and given the
 * value {@code {{vault:KEY}}} in the hydrated environment, so that it resolves through the vault
 * scope, to the secret's allowed domains only, and a script reading the variable reads the
 * reference.
 *
 * @param key the variable's key, which is also the vault secret's NAME
 * @param scope where it is defined
 * @param entry for {@link Scope#ENVIRONMENT}, the position of its entry in the environment's {@code
 *     values}; else {@link Binding#NO_ENTRY}: the hydrated environment gets an entry of that key,
 *     which Newman prefers to collection variables and globals of the same key
 */
public record SecureVariable(String key, Scope scope, int entry) {
  /** The value the variable gets in the hydrated environment. */
  public String reference() {
    return "{{vault:" + key + "}}";
  }

  /** Where a secure variable is defined. */
  public enum Scope {
    ENVIRONMENT("environment"),
    COLLECTION("collection"),
    GLOBALS("globals");

    private final String label;

    Scope(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
