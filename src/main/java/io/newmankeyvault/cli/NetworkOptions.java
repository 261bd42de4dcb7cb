package io.newmankeyvault.cli;

import io.newmankeyvault.network.ExtraTrust;
import io.newmankeyvault.network.Proxies;
import io.newmankeyvault.redact.Output;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How the tool's connections cross a corporate network: {@code --ca-file}, a private CA that every
 * connection trusts too, and the proxies of {@code HTTPS_PROXY}, {@code HTTP_PROXY} and {@code
 * NO_PROXY}.
 */
abstract class NetworkOptions {
  /** {@code run}'s, which Newman gets too. */
  static final class ForRun extends NetworkOptions {
    @Option(
        names = "--ca-file",
        paramLabel = "PEM",
        description =
            "A CA certificate file (PEM) trusted besides the JDK's roots by every connection of the"
                + " tool (a TLS-inspecting proxy's root, a private CA); a run passes it to Newman as"
                + " --ssl-extra-ca-certs too. Default from NKV_CA_FILE.")
    Path caFile;

    @Override
    Path caFile() {
      return caFile;
    }
  }

  /** {@code audit}'s and {@code fetch}'s, which run no Newman. */
  static final class ForDownloads extends NetworkOptions {
    @Option(
        names = "--ca-file",
        paramLabel = "PEM",
        description =
            "A CA certificate file (PEM) trusted besides the JDK's roots by every connection of the"
                + " tool (a TLS-inspecting proxy's root, a private CA). Default from NKV_CA_FILE.")
    Path caFile;

    @Override
    Path caFile() {
      return caFile;
    }
  }

  /** The {@code --ca-file} given, or null. */
  abstract Path caFile();

  /**
   * Reads the file and makes the process trust it, before any connection is made; exit 2 when it is
   * missing or not PEM. Returns the file, or null without one.
   */
  Path installTrust() {
    Path caFile = caFile();
    if (caFile != null) {
      ExtraTrust.install(ExtraTrust.read(caFile));
    }
    return caFile;
  }

  /**
   * The proxies of the environment, their passwords protected at once; with {@code verbose} each
   * host's route is told once. Exit 2 when a proxy variable is not an http proxy URL.
   */
  static Proxies proxies(Map<String, String> environment, Output output, boolean verbose) {
    Proxies proxies = Proxies.from(environment);
    output.protectedValues().addAll(proxies.credentials());
    return verbose ? proxies.tellingRoutesTo(output::notice) : proxies;
  }
}
