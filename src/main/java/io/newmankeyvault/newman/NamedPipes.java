package io.newmankeyvault.newman;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Named pipes (FIFOs): a private channel with a path and no bytes on disk. */
final class NamedPipes {
  private NamedPipes() {}

  /** Creates a 0600 FIFO at the path; false where the OS has none (Windows) or mkfifo fails. */
  static boolean create(Path path) {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return false;
    }
    try {
      Process mkfifo =
          new ProcessBuilder("mkfifo", "-m", "600", path.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0;
    } catch (IOException e) {
      return false; // no mkfifo on this machine
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Starts a daemon thread. */
  static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
