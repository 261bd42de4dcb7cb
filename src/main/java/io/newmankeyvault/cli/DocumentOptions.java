package io.newmankeyvault.cli;

import io.newmankeyvault.postman.PostmanRef;
import picocli.CommandLine.Option;

/** The collection and the environment that {@code run} and {@code fetch} take (a mixin). */
final class DocumentOptions {
  @Option(
      names = {"-c", "--collection"},
      paramLabel = "FILE|ID",
      description =
          "Required. The Postman collection (v2.0 or v2.1): a file, or a Postman collection id or"
              + " uid to download (an existing file wins). Default from NKV_COLLECTION.")
  String collection;

  @Option(
      names = {"-e", "--environment"},
      paramLabel = "FILE|ID",
      description =
          "The Postman environment: a file, or a Postman environment id or uid; optional."
              + " Default from NKV_ENVIRONMENT.")
  String environment;

  /** The collection, parsed; null when not given. */
  PostmanRef collection() {
    return collection == null ? null : PostmanRef.parse(collection);
  }

  /** The environment, parsed; null when not given. */
  PostmanRef environment() {
    return environment == null ? null : PostmanRef.parse(environment);
  }
}
