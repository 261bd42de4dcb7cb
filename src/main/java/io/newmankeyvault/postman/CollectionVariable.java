package io.newmankeyvault.postman;

/**
 * A collection-level variable with a string value.
 *
 * @param key the variable's name
 * @param value its value as written in the collection (may be a reference)
 */
public record CollectionVariable(String key, String value) {
  @Override
  public String toString() {
    return "CollectionVariable[" + key + "]";
  }
}
