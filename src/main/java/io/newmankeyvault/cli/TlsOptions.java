package io.newmankeyvault.cli;

import io.newmankeyvault.tls.ExtraTrust;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --ca-file}: a private CA that every connection of the tool trusts too. */
final class TlsOptions {
  @Option(
      names = "--ca-file",
      paramLabel = "PEM",
      description =
          "A CA certificate file (PEM) trusted besides the JDK's roots by every connection of the"
              + " tool (a TLS-inspecting proxy's root, a private CA); a run passes it to Newman as"
              + " --ssl-extra-ca-certs too. Default from NKV_CA_FILE.")
  Path caFile;

  /**
   * Reads the file and makes the process trust it, before any connection is made; exit 2 when it is
   * missing or not PEM. Returns the file, or null without one.
   */
  Path install() {
    if (caFile != null) {
      ExtraTrust.install(ExtraTrust.read(caFile));
    }
    return caFile;
  }
}
