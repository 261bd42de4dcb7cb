package io.newmankeyvault.base;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A directory only this user can enter (0700), for what the tool hands to Newman. It lives under
 * the CI runner's temp directory when there is one ({@code RUNNER_TEMP} in GitHub Actions, {@code
 * AGENT_TEMPDIRECTORY} in Azure Pipelines: both are wiped after the job), else the JVM's. Closing
 * deletes it and everything in it; closing twice is harmless. Thread-safe.
 */
public final class PrivateDirectory implements AutoCloseable {
  private final Path path;
  private boolean closed;

  private PrivateDirectory(Path path) {
    this.path = path;
  }

  /** Creates the directory under the base that {@link #baseFor} picks. */
  public static PrivateDirectory create(Map<String, String> environment) throws IOException {
    Path base = baseFor(environment);
    Files.createDirectories(base);
    Path path =
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
            ? Files.createTempDirectory(
                base,
                "newman-keyvault-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
            : Files.createTempDirectory(base, "newman-keyvault-");
    return new PrivateDirectory(path);
  }

  /** Like {@link #create}, with a failure the user can act on (exit 2). */
  public static PrivateDirectory createFor(Map<String, String> environment) {
    try {
      return create(environment);
    } catch (IOException e) {
      throw UserFacingException.usage(
          "cannot create a private temporary directory ("
              + e.getClass().getSimpleName()
              + "): check that RUNNER_TEMP, AGENT_TEMPDIRECTORY or java.io.tmpdir is writable");
    }
  }

  /** {@code RUNNER_TEMP}, else {@code AGENT_TEMPDIRECTORY}, else {@code java.io.tmpdir}. */
  static Path baseFor(Map<String, String> environment) {
    for (String variable : new String[] {"RUNNER_TEMP", "AGENT_TEMPDIRECTORY"}) {
      String value = environment.get(variable);
      if (value != null && !value.isBlank()) {
        return Path.of(value);
      }
    }
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  public Path path() {
    return path;
  }

  /** Deletes the directory and its contents. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try (Stream<Path> walk = Files.walk(path)) {
      walk.sorted(Comparator.reverseOrder()).forEach(PrivateDirectory::deleteQuietly);
    } catch (IOException e) {
      // Already gone: nothing to clean.
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Best effort; the directory is 0700 and under a temp directory the runner wipes.
    }
  }
}
