package io.newmankeyvault.cli;

import io.newmankeyvault.base.UrlText;
import io.newmankeyvault.newman.WarmStartOptions;
import io.newmankeyvault.postman.PostmanRef;
import io.newmankeyvault.redact.ProtectedValues;
import picocli.CommandLine.Option;

/** The collection and the environment that {@code run} and {@code fetch} take (a mixin). */
final class DocumentOptions {
  @Option(
      names = {WarmStartOptions.COLLECTION_SHORT, WarmStartOptions.COLLECTION},
      paramLabel = "FILE|ID",
      description =
          "Required. The Postman collection (v2.1, v2.0 or v1 JSON, info optional; or a Postman v12"
              + " v3 collection folder): a file or folder, or a Postman collection id or uid to"
              + " download (an existing file wins), alone or as its Postman API URL. Default from"
              + " NKV_COLLECTION.")
  String collection;

  @Option(
      names = {"-e", "--environment"},
      paramLabel = "FILE|ID",
      description =
          "The Postman environment: a file (JSON, or a Postman v12 *.environment.yaml), or a"
              + " Postman environment id or uid, alone or as its Postman API URL; optional. Default"
              + " from NKV_ENVIRONMENT.")
  String environment;

  /**
   * Protects what the texts carry that may be a credential (a URL's {@code apikey=}, user part,
   * ...): called before anything else, so that no text, not even an error, can hold one unmasked.
   */
  void protectCredentials(ProtectedValues values) {
    for (String text : new String[] {collection, environment}) {
      if (text != null) {
        values.addAll(UrlText.credentialsIn(text));
      }
    }
  }

  /** The collection, parsed; null when not given. */
  PostmanRef collection() {
    return collection == null ? null : PostmanRef.parse(collection);
  }

  /** The environment, parsed; null when not given. */
  PostmanRef environment() {
    return environment == null ? null : PostmanRef.parse(environment);
  }
}
