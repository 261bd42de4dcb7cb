package io.newmankeyvault.newman;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Named pipes (FIFOs): a private channel with a path and no bytes on disk. */
final class NamedPipes {
  private NamedPipes() {}

  /**
   * Creates a 0600 FIFO at each path, with one {@code mkfifo} (a process start costs more than the
   * pipes); false, and none left behind, where the OS has none (Windows) or mkfifo fails.
   */
  static boolean create(List<Path> paths) {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return false;
    }
    List<String> command = new ArrayList<>(List.of("mkfifo", "-m", "600"));
    paths.forEach(path -> command.add(path.toString()));
    try {
      Process mkfifo =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0) {
        return true;
      }
    } catch (IOException e) {
      // No mkfifo on this machine.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Path path : paths) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        // The private directory's cleanup tries again.
      }
    }
    return false;
  }

  /** Starts a daemon thread. */
  static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
