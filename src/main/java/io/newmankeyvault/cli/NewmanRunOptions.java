package io.newmankeyvault.cli;

import java.util.Set;

/**
 * The option names of {@code newman run} (Newman 6's bin/newman.js; a test reads that file and
 * checks this list against it), so that one given before {@code --} gets told where it goes.
 */
final class NewmanRunOptions {
  static final Set<String> NAMES =
      Set.of(
          "-e",
          "--environment",
          "-g",
          "--globals",
          "-r",
          "--reporters",
          "-n",
          "--iteration-count",
          "-d",
          "--iteration-data",
          "--folder",
          "--global-var",
          "--env-var",
          "--export-environment",
          "--export-globals",
          "--export-collection",
          "--postman-api-key",
          "--bail",
          "--ignore-redirects",
          "-x",
          "--suppress-exit-code",
          "--silent",
          "--disable-unicode",
          "--color",
          "--delay-request",
          "--timeout",
          "--timeout-request",
          "--timeout-script",
          "--working-dir",
          "--no-insecure-file-read",
          "-k",
          "--insecure",
          "--ssl-client-cert-list",
          "--ssl-client-cert",
          "--ssl-client-key",
          "--ssl-client-passphrase",
          "--ssl-extra-ca-certs",
          "--cookie-jar",
          "--export-cookie-jar",
          "--verbose");

  private NewmanRunOptions() {}

  /** Whether {@code option} (a name, without a value) is one of Newman's, reporters' included. */
  static boolean contains(String option) {
    return NAMES.contains(option) || option.startsWith("--reporter-");
  }
}
