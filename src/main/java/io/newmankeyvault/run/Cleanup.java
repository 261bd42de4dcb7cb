package io.newmankeyvault.run;

import io.newmankeyvault.base.FailureKind;
import io.newmankeyvault.base.PrivateDirectory;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.newman.WarmNewman;

/**
 * What a run leaves to undo, at its end or when the process is stopped: stops the runner (dropping
 * the output of a start that never got its inputs), publishes its scrubbed reports, removes the
 * hand-over and the private directory. Idempotent and thread-safe (the shutdown hook may run it
 * beside the run's own thread).
 */
final class Cleanup implements Runnable {
  private final WarmNewman warmNewman;
  private final PrivateDirectory directory;
  private Runner runner; // null until it starts, and for a dry run
  private boolean done;

  Cleanup(WarmNewman warmNewman, PrivateDirectory directory) {
    this.warmNewman = warmNewman;
    this.directory = directory;
  }

  /** The run's runner, once started; stopped at once when the cleanup ran first (a signal). */
  synchronized void started(Runner started) {
    if (done) {
      started.stop();
      started.close();
      throw new UserFacingException(FailureKind.NEWMAN, "stopped before the runner started");
    }
    runner = started;
  }

  @Override
  public synchronized void run() {
    done = true;
    warmNewman.discard(); // unless the run claimed it: a dry run, another runner, a failure
    Runner open = runner;
    if (open != null) {
      open.stop();
      open.publishReports();
      open.close();
      runner = null;
    }
    directory.close();
  }
}
