package io.newmankeyvault.newman;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;

/**
 * Hands the hydrated environment to Newman through a named pipe (a FIFO: the bytes never touch a
 * disk) where the OS has them, else through a 0600 file. Either lives in a {@link
 * io.newmankeyvault.base.PrivateDirectory}. Closing releases a writer that Newman never read from
 * and deletes the path.
 */
public final class EnvironmentHandover implements AutoCloseable {
  private final Path path;
  private final byte[] content;
  private final Thread writer;

  private EnvironmentHandover(Path path, byte[] content, Thread writer) {
    this.path = path;
    this.content = content;
    this.writer = writer;
  }

  /**
   * Opens the hand-over in {@code directory}. Takes ownership of {@code content} and zeroes it on
   * close.
   *
   * @param preferNamedPipe false forces the file (Windows has no mkfifo; tests use it)
   */
  public static EnvironmentHandover open(Path directory, byte[] content, boolean preferNamedPipe)
      throws IOException {
    Path path = directory.resolve("environment.json");
    if (preferNamedPipe && NamedPipes.create(path)) {
      Thread writer = NamedPipes.daemon(() -> writeFifo(path, content), "newman-keyvault-handover");
      return new EnvironmentHandover(path, content, writer);
    }
    writePrivateFile(path, content);
    return new EnvironmentHandover(path, content, null);
  }

  /** The path to give Newman as {@code --environment}. */
  public Path path() {
    return path;
  }

  /** Whether the path is a named pipe rather than a file. */
  public boolean isNamedPipe() {
    return writer != null;
  }

  /** Blocks until Newman opens the pipe, then writes; a reader that went away ends it. */
  private static void writeFifo(Path path, byte[] content) {
    try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.WRITE)) {
      out.write(content);
    } catch (IOException e) {
      // Newman closed the pipe early (it failed or was stopped); its exit code tells the story.
    }
  }

  private static void writePrivateFile(Path path, byte[] content) throws IOException {
    EnumSet<StandardOpenOption> options =
        EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    SeekableByteChannel channel =
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
            ? Files.newByteChannel(
                path,
                options,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
            : Files.newByteChannel(path, options);
    try (OutputStream out = Channels.newOutputStream(channel)) {
      out.write(content);
    }
  }

  /** Releases a writer still waiting for a reader, deletes the path and zeroes the bytes. */
  @Override
  public void close() {
    if (writer != null && writer.isAlive()) {
      // Newman never opened the pipe (it failed first): open the read end ourselves so the
      // writer's open() returns, and drain it.
      NamedPipes.daemon(this::drain, "newman-keyvault-handover-drain");
      try {
        writer.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // The private directory's own cleanup tries again.
    }
    Arrays.fill(content, (byte) 0);
  }

  private void drain() {
    try (InputStream in = new FileInputStream(path.toFile())) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // Gone already.
    }
  }
}
