package io.newmankeyvault.cli;

import io.newmankeyvault.base.UrlText;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.postman.PostmanApi;
import io.newmankeyvault.postman.PostmanApiUrl;
import io.newmankeyvault.redact.ProtectedValues;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The Postman API options that {@code run} and {@code audit} share (a picocli mixin). */
final class PostmanApiOptions {
  @Option(
      names = "--postman-api-key-file",
      paramLabel = "FILE",
      description =
          "A file holding the Postman API key, for downloads. Default: the POSTMAN_API_KEY"
              + " environment variable. There is no --postman-api-key: a key on a command line is"
              + " visible to every process on the machine (ps), so it is refused.")
  Path postmanApiKeyFile;

  @Option(names = "--postman-api-key", hidden = true, paramLabel = "KEY")
  String refusedPostmanApiKey;

  @Option(
      names = "--postman-api-url",
      paramLabel = "URL",
      defaultValue = PostmanApi.DEFAULT_URL,
      description =
          "The Postman API (https; http only to loopback hosts); EU-region teams use"
              + " https://api.eu.postman.com. Default from POSTMAN_API_URL, else ${DEFAULT-VALUE}.")
  String postmanApiUrl;

  /**
   * Protects what the API URL carries that may be a credential (it is refused, but a key pasted
   * into it must be masked all the same): called before anything else.
   */
  void protectCredentials(ProtectedValues values) {
    if (postmanApiUrl != null) {
      values.addAll(UrlText.credentialsIn(postmanApiUrl));
    }
  }

  /** The checked API URL; refuses a key given on the command line. */
  URI checkedUrl() {
    if (refusedPostmanApiKey != null) {
      // The value is never echoed, and never used.
      throw UserFacingException.usage(
          "--postman-api-key is refused: a key on the command line is visible to every process on"
              + " the machine (ps, /proc); set POSTMAN_API_KEY or use --postman-api-key-file");
    }
    return PostmanApiUrl.check(postmanApiUrl);
  }
}
