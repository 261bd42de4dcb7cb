package io.newmankeyvault.newman;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Ending a runner's process and what it started: Newman's and the Postman CLI's alike. */
final class ProcessTree {
  /** How long a runner has to end after a polite signal before it is killed. */
  private static final long GRACE_SECONDS = 5;

  private ProcessTree() {}

  /**
   * Sends {@code running} and {@code descendants} (taken before anything was asked of them, so that
   * children a wrapper started are not lost when it ends) a polite signal, runs {@code
   * afterSignal}, waits for {@code running} for the grace period, then kills whatever of them is
   * still alive.
   */
  static void end(Process running, List<ProcessHandle> descendants, Runnable afterSignal) {
    running.destroy();
    descendants.forEach(ProcessHandle::destroy);
    afterSignal.run();
    try {
      if (!running.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
        running.destroyForcibly();
      }
    } catch (InterruptedException e) {
      running.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }
}
