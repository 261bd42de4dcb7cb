package io.newmankeyvault.ship;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository checkout the tests run in (system property {@code nkv.projectDir}). */
final class Repo {
  private Repo() {}

  /** The repository root. */
  static Path dir() {
    return Path.of(System.getProperty("nkv.projectDir", System.getProperty("user.dir")))
        .toAbsolutePath();
  }

  /** A file under the root, by relative path. */
  static Path path(String relative) {
    return dir().resolve(relative);
  }

  /** The text of a file under the root. */
  static String read(String relative) {
    try {
      return Files.readString(path(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
