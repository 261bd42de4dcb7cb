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
 * One input handed to Newman in a {@link io.newmankeyvault.base.PrivateDirectory}: a named pipe (a
 * FIFO: the bytes never touch a disk) whose path Newman gets before the bytes exist, so it can
 * start early and wait in {@code open()}; else a 0600 file written before Newman starts. Closing
 * releases a writer that Newman never read from, deletes the path and zeroes the bytes.
 */
public final class Handover implements AutoCloseable {
  private final Path path;
  private final boolean namedPipe;
  private volatile byte[] content;
  private volatile Thread writer;

  private Handover(Path path, boolean namedPipe, byte[] content) {
    this.path = path;
    this.namedPipe = namedPipe;
    this.content = content;
  }

  /** A hand-over through the named pipe already at {@code path}; see {@link #deliver}. */
  static Handover pipe(Path path) {
    return new Handover(path, true, null);
  }

  /**
   * A hand-over through a 0600 file written now (where there are no named pipes). Takes ownership
   * of {@code content} and zeroes it on close.
   */
  public static Handover file(Path path, byte[] content) throws IOException {
    writePrivateFile(path, content);
    return new Handover(path, false, content);
  }

  /** The path to give Newman. */
  public Path path() {
    return path;
  }

  /** Whether the path is a named pipe rather than a file. */
  public boolean isNamedPipe() {
    return namedPipe;
  }

  /**
   * Writes {@code bytes} into the pipe as soon as Newman opens it, on a thread of its own; once.
   * Takes ownership of the bytes and zeroes them on close.
   */
  public synchronized void deliver(byte[] bytes) {
    start(
        bytes,
        () -> {
          try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.WRITE)) {
            out.write(bytes);
          } catch (IOException e) {
            // Newman closed the pipe early (it failed or was stopped); its exit code tells.
          }
        });
  }

  /** Streams the file at {@code source} into the pipe as soon as Newman opens it; once. */
  public synchronized void deliver(Path source) {
    start(
        null,
        () -> {
          try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.WRITE)) {
            Files.copy(source, out);
          } catch (IOException e) {
            // As above.
          }
        });
  }

  private void start(byte[] bytes, Runnable write) {
    if (!namedPipe || writer != null) {
      throw new IllegalStateException("delivered already, or not a pipe: " + path.getFileName());
    }
    content = bytes;
    writer = NamedPipes.daemon(write, "newman-keyvault-handover-" + path.getFileName());
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
  public synchronized void close() {
    Thread waiting = writer;
    if (waiting != null && waiting.isAlive()) {
      // Newman never opened the pipe (it failed or was stopped first): open the read end here so
      // the writer's open() returns, and drain it.
      NamedPipes.daemon(this::drain, "newman-keyvault-handover-drain");
      try {
        waiting.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // The private directory's own cleanup tries again.
    }
    byte[] bytes = content;
    if (bytes != null) {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private void drain() {
    try (InputStream in = new FileInputStream(path.toFile())) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // Gone already.
    }
  }
}
