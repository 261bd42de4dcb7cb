package io.newmankeyvault.testing;

import io.newmankeyvault.Main;
import io.newmankeyvault.cli.Services;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Runs the tool in-process with captured output and an injected environment. */
public final class Cli {
  /** The outcome of one run. */
  public record Result(int exitCode, String stdout, String stderr) {}

  public final Map<String, String> env = new HashMap<>();

  /** The services the run gets; a test may give a faster retry policy. */
  public Services services = Services.production();

  public Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env,
            services,
            args);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The pinned Newman that {@code npm ci} installed at the repository root. */
  public static String newman() {
    return Path.of(System.getProperty("nkv.projectDir", "."), "node_modules", ".bin", "newman")
        .toAbsolutePath()
        .toString();
  }

  /** Every file under a directory, with its content, for leak checks. */
  public static Map<Path, String> filesUnder(Path dir) throws IOException {
    Map<Path, String> files = new HashMap<>();
    if (!Files.exists(dir)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(file, new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      }
    }
    return files;
  }

  /** Lists paths under a directory (for "nothing left behind" checks). */
  public static List<Path> entriesUnder(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> !p.equals(dir)).toList();
    }
  }
}
