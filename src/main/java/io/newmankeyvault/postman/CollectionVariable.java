package io.newmankeyvault.postman;

/**
 * A collection-level variable with a string value, or a secure variable.
 *
 * @param key the variable's name
 * @param value its value as written in the collection (may be a reference; empty for a secure
 *     variable)
 * @param secure whether it is a Postman v12 secure variable (see {@link SecureVariables})
 */
public record CollectionVariable(String key, String value, boolean secure) {
  /** A variable that is not secure. */
  public CollectionVariable(String key, String value) {
    this(key, value, false);
  }

  @Override
  public String toString() {
    return "CollectionVariable[" + key + (secure ? ", secure" : "") + "]";
  }
}
