package io.newmankeyvault.newman;

import io.newmankeyvault.base.FailureKind;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.base.UserFacingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The guard that Newman's Node process loads before Newman ({@code newman-guard.js}, a resource of
 * the jar), and what it is told: where the private directory is, where Newman's exports are staged,
 * the hand-over paths it checks Newman's own options against, the vault pipe, and a random token
 * for the lines it tells the tool. No secret is in any of it. A Node started afresh loads the guard
 * with {@code NODE_OPTIONS --require} and reads this from the file named by {@code NKV_GUARD}; the
 * {@link WarmNewman} runs the guard as its bootstrap and gets this on stdin. Immutable.
 */
public final class NewmanGuard {
  static final String CONFIG_VARIABLE = "NKV_GUARD";
  private static final String RESOURCE = "newman-guard.js";

  private final Path script;
  private final Path configFile;
  private final Path staging;
  private final Path marker;
  private final String eventToken;
  private final Map<String, Object> config;

  private NewmanGuard(
      Path script, Path configFile, Path staging, Path marker, Map<String, Object> config) {
    this.script = script;
    this.configFile = configFile;
    this.staging = staging;
    this.marker = marker;
    this.config = config;
    this.eventToken = (String) config.get("events");
  }

  /**
   * Writes the guard, its configuration and the staging directory into {@code directory} (the run's
   * private directory).
   *
   * @param environment the path Newman gets as {@code --environment} (the hand-over)
   * @param vault where the guard reads the vault scope and the domain policy, when the run starts
   * @param results where it writes the run's totals and failures for the CI summary, or null
   * @param reportsDir where exports without a path of their own go (Newman's default is {@code
   *     newman/}), or null
   */
  public static NewmanGuard write(
      Path directory, Path environment, Path vault, Path results, Path reportsDir)
      throws IOException {
    return write(directory, environment, null, vault, results, reportsDir);
  }

  /**
   * Like {@link #write(Path, Path, Path, Path, Path)}, with the globals file Newman gets as {@code
   * --globals} (null for none): Newman may not be given others.
   */
  public static NewmanGuard write(
      Path directory, Path environment, Path globals, Path vault, Path results, Path reportsDir)
      throws IOException {
    Path script = directory.resolve(RESOURCE);
    try (InputStream in = NewmanGuard.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException(RESOURCE + " is missing from the jar");
      }
      Files.copy(in, script);
    }
    Path staging = directory.resolve("exports");
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createDirectory(
          staging,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectory(staging);
    }
    byte[] random = new byte[12];
    new SecureRandom().nextBytes(random);
    Path marker = directory.resolve("supervised");
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("privateDir", directory.toAbsolutePath().toString());
    config.put("staging", staging.toAbsolutePath().toString());
    config.put("marker", marker.toAbsolutePath().toString());
    config.put("environment", environment.toString());
    config.put("globals", globals == null ? null : globals.toString());
    config.put("vault", vault.toAbsolutePath().toString());
    config.put("results", results == null ? null : results.toAbsolutePath().toString());
    config.put("reportsDir", reportsDir == null ? null : reportsDir.toAbsolutePath().toString());
    config.put("events", "newman-keyvault-event-" + HexFormat.of().formatHex(random));
    Path configFile = directory.resolve("guard.json");
    Files.write(configFile, Json.MAPPER.writeValueAsBytes(config));
    return new NewmanGuard(
        script, configFile, staging, marker, Collections.unmodifiableMap(config));
  }

  /** The guard's source, which the warm start runs as its bootstrap. */
  static String source() {
    try (InputStream in = NewmanGuard.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException(RESOURCE + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the warm start sends the guard (the same as the configuration file holds). */
  Map<String, Object> config() {
    return config;
  }

  /** What starts each line in which the guard tells the tool something; random per run. */
  public String eventToken() {
    return eventToken;
  }

  /** Where the guard writes the run's totals and failures (a named pipe), or null. */
  Path results() {
    Object results = config.get("results");
    return results == null ? null : Path.of((String) results);
  }

  /** Where the guard stages every file Newman exports, with a {@code manifest.jsonl}. */
  public Path staging() {
    return staging;
  }

  /**
   * Whether the guard has confirmed that it supervises this Newman: its hooks are in place and
   * Newman's own options passed its checks. Until then Newman gets no secret.
   */
  boolean confirmed() {
    return Files.exists(marker);
  }

  /**
   * Waits until the guard confirms it supervises {@code newman}; false when Newman ends first.
   *
   * @throws UserFacingException when Newman neither confirms nor ends in time (a Newman that does
   *     not load the guard: not Node.js, say)
   */
  boolean awaitConfirmation(Process newman, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!confirmed()) {
      if (!newman.isAlive()) {
        return confirmed();
      }
      if (System.nanoTime() > deadline) {
        throw new UserFacingException(
            FailureKind.NEWMAN,
            "Newman did not start under newman-keyvault's guard within "
                + timeout.toSeconds()
                + " s (Node.js loads it through NODE_OPTIONS --require): --newman must start"
                + " Node.js Newman 6 on this machine");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UserFacingException(FailureKind.NEWMAN, "interrupted while Newman was starting");
      }
    }
    return true;
  }

  /**
   * The variables a Node started afresh needs, over {@code environment}: where the configuration
   * is, and {@code --require} of the guard after whatever {@code NODE_OPTIONS} the user has.
   */
  Map<String, String> environmentFor(Map<String, String> environment) {
    Map<String, String> added = new LinkedHashMap<>();
    added.put(CONFIG_VARIABLE, configFile.toAbsolutePath().toString());
    String require =
        "--require \""
            + script.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"")
            + "\"";
    String options = environment.getOrDefault("NODE_OPTIONS", "");
    added.put("NODE_OPTIONS", options.isBlank() ? require : options + " " + require);
    return added;
  }
}
