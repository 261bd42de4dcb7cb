package io.newmankeyvault.audit;

import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.hydrate.SecretSourceChoice;
import io.newmankeyvault.network.Proxies;
import io.newmankeyvault.postman.PostmanRef;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The options of {@code newman-keyvault audit}, once parsed and checked.
 *
 * @param collections the collections: files, or Postman ids or uids
 * @param environments the environments: files, or Postman ids or uids
 * @param postmanApiUrl the Postman API's base URL
 * @param postmanApiKeyFile a file holding the Postman API key, or null for POSTMAN_API_KEY
 * @param secretSource where the referenced secrets are read from, when they are compared
 * @param proxies the proxies of the environment, for the Postman API
 * @param compareWithSecrets whether to read the referenced secrets and report literals equal to
 *     them ({@code --key-vault} or {@code --secrets-file} given)
 * @param format how to print the findings
 * @param outputFile where to write them, or null for stdout
 * @param failOn the least severity that makes the audit exit 1
 * @param baseline accepted findings, or null
 * @param writeBaseline where to write the current findings as a baseline, or null
 * @param entropyThreshold bits per character over which a variable value is reported
 * @param verbose timings and stack traces
 */
public record AuditOptions(
    List<PostmanRef> collections,
    List<PostmanRef> environments,
    URI postmanApiUrl,
    Path postmanApiKeyFile,
    SecretSourceChoice secretSource,
    Proxies proxies,
    boolean compareWithSecrets,
    AuditFormat format,
    Path outputFile,
    FailOn failOn,
    Path baseline,
    Path writeBaseline,
    double entropyThreshold,
    boolean verbose) {

  public AuditOptions {
    collections = List.copyOf(collections);
    environments = List.copyOf(environments);
    if (collections.isEmpty() && environments.isEmpty()) {
      throw UserFacingException.usage(
          "nothing to audit: pass --collection or --environment (files or Postman ids), or set"
              + " NKV_COLLECTION");
    }
    if (!(entropyThreshold > 0 && entropyThreshold <= 8)) {
      throw UserFacingException.usage(
          "--entropy-threshold must be more than 0 and at most 8 (bits per character)");
    }
  }
}
