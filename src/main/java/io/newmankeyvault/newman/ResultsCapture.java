package io.newmankeyvault.newman;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Receives Newman's JSON report through a named pipe, into memory: the tool reads its totals and
 * failed assertions for CI summaries without the report (which holds every body in clear) ever
 * touching a disk. Reports above {@link #MAX_BYTES} are dropped.
 */
final class ResultsCapture implements AutoCloseable {
  static final int MAX_BYTES = 256 << 20;

  private final Path path;
  private final Thread reader;
  private volatile byte[] bytes;
  private volatile boolean opened;

  private ResultsCapture(Path path) {
    this.path = path;
    this.reader = NamedPipes.daemon(this::read, "newman-keyvault-results");
  }

  /** A capture reading the named pipe already at {@code path}. */
  static ResultsCapture on(Path path) {
    return new ResultsCapture(path);
  }

  Path path() {
    return path;
  }

  private void read() {
    try (InputStream in = new FileInputStream(path.toFile())) {
      opened = true;
      ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
      byte[] buffer = new byte[1 << 16];
      int read;
      boolean tooBig = false;
      while ((read = in.read(buffer)) >= 0) {
        if (out.size() + read > MAX_BYTES) {
          tooBig = true; // keep draining so Newman is not blocked, but keep nothing
          out.reset();
        }
        if (!tooBig) {
          out.write(buffer, 0, read);
        }
      }
      bytes = tooBig ? null : out.toByteArray();
    } catch (IOException e) {
      bytes = null;
    }
  }

  /** The report, once Newman has exited; empty when it wrote none. */
  Optional<byte[]> report() {
    release();
    return Optional.ofNullable(bytes);
  }

  /** Newman never opened the pipe (it failed first): open the write end so the reader returns. */
  private void release() {
    if (reader.isAlive() && !opened) {
      try {
        // Opening is enough: closing right away gives the reader an empty report.
        new FileOutputStream(path.toFile()).close();
      } catch (IOException e) {
        // The reader is gone already.
      }
    }
    try {
      reader.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    release();
    bytes = null;
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // The private directory's cleanup tries again.
    }
  }
}
