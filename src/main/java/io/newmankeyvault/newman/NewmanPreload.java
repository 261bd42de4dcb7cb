package io.newmankeyvault.newman;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Newman's Node process loads before Newman: {@code vault-scope.js}, which gives
 * postman-runtime the vault scope read from {@code vaultPipe} (see {@link
 * io.newmankeyvault.hydrate.VaultScope}). A Node started afresh gets it through {@code NODE_OPTIONS
 * --require}; the {@link WarmNewman} requires it itself.
 *
 * @param script the preload, written into the private directory
 * @param vaultPipe where the preload reads the vault scope
 * @param eventToken what starts each line of Newman's stderr that is an event for the tool (random
 *     per run: no script can know it)
 */
public record NewmanPreload(Path script, Path vaultPipe, String eventToken) {
  static final String VAULT_PIPE_VARIABLE = "NKV_VAULT_PIPE";

  /** Writes the preload (a resource of the jar; no secret in it) into {@code directory}. */
  public static NewmanPreload write(Path directory, Path vaultPipe) throws IOException {
    Path script = directory.resolve("vault-scope.js");
    try (InputStream in = NewmanPreload.class.getResourceAsStream("vault-scope.js")) {
      if (in == null) {
        throw new IOException("vault-scope.js is missing from the jar");
      }
      Files.copy(in, script);
    }
    byte[] random = new byte[12];
    new SecureRandom().nextBytes(random);
    return new NewmanPreload(
        script, vaultPipe, "newman-keyvault-event-" + HexFormat.of().formatHex(random));
  }

  /**
   * The variables a Node started afresh needs, over {@code environment}: the pipe's path, and
   * {@code --require} after whatever {@code NODE_OPTIONS} the user has.
   */
  Map<String, String> environmentFor(Map<String, String> environment) {
    Map<String, String> added = new LinkedHashMap<>();
    added.put(VAULT_PIPE_VARIABLE, vaultPipe.toString());
    String require =
        "--require \"" + script.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    String options = environment.getOrDefault("NODE_OPTIONS", "");
    added.put("NODE_OPTIONS", options.isBlank() ? require : options + " " + require);
    return added;
  }
}
