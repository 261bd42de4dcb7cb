package io.newmankeyvault.hydrate;

import io.newmankeyvault.reference.Reference;

/**
 * One thing Newman will get from a secret: an environment variable, a {@code {{vault:}}} secret, or
 * a client certificate.
 *
 * @param variable the variable's key in the hydrated environment, e.g. {@code DB_PASSWORD} or
 *     {@code vault:api-token}
 * @param origin where the reference was found
 * @param reference the reference, as written
 * @param entry for {@link Origin#ENVIRONMENT}, the position of the entry in the environment's
 *     {@code values} (an environment may hold one key several times, and each entry gets its own
 *     value: Newman uses the last); else {@link #NO_ENTRY}, and every entry with that key gets it
 */
public record Binding(String variable, Origin origin, Reference reference, int entry) {
  /** {@link #entry} of a binding that is not one environment entry's. */
  public static final int NO_ENTRY = -1;

  /** A binding that is not one environment entry's. */
  public Binding(String variable, Origin origin, Reference reference) {
    this(variable, origin, reference, NO_ENTRY);
  }

  /** Where a reference was found. */
  public enum Origin {
    /** A whole value of an environment variable. */
    ENVIRONMENT("environment"),
    /** A whole value of a collection variable: the environment entry overrides it in Newman. */
    COLLECTION_VARIABLE("collection variable"),
    /** A whole value of a global variable: the environment and the collection override it. */
    GLOBALS("globals variable"),
    /** A {@code --secret VAR=REF} option. */
    OPTION("--secret"),
    /**
     * A {@code {{vault:NAME}}} somewhere in the collection, the environment or the globals, or a
     * secure variable NAME.
     */
    POSTMAN_VAULT("{{vault:}}"),
    /**
     * A {@code --client-cert HOST_PATTERN=REF} option: not a variable, a client certificate for
     * Newman; {@link Binding#variable} is the host pattern.
     */
    CLIENT_CERTIFICATE("--client-cert");

    private final String label;

    Origin(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
