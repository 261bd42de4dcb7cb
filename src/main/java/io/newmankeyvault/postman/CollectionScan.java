package io.newmankeyvault.postman;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What the tool needs to know about a collection, read in one streaming pass so that large
 * collections (tens of MB of saved responses) are never held in memory whole.
 *
 * @param path the collection file, handed to Newman as it is
 * @param name the collection's name ({@code info.name}), or "" when it has none
 * @param postmanVaultNames every NAME of a {@code {{vault:NAME}}} anywhere in the collection
 * @param variables the enabled collection-level variables with string values
 */
public record CollectionScan(
    Path path, String name, Set<String> postmanVaultNames, List<CollectionVariable> variables) {

  /** Whether the collection is a Postman v12 folder of YAML files ({@link V3Collection}). */
  public boolean isV3() {
    return path != null && Files.isDirectory(path);
  }
}
