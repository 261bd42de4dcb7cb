package io.newmankeyvault.postman;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What the tool needs to know about a collection, read in one streaming pass so that large
 * collections (tens of MB of saved responses) are never held in memory whole.
 *
 * @param path the collection file, handed to Newman as it is
 * @param postmanVaultNames every NAME of a {@code {{vault:NAME}}} anywhere in the collection
 * @param variables the enabled collection-level variables with string values
 */
public record CollectionScan(
    Path path, Set<String> postmanVaultNames, List<CollectionVariable> variables) {}
