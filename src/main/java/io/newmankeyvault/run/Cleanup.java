package io.newmankeyvault.run;

import io.newmankeyvault.base.PrivateDirectory;
import io.newmankeyvault.newman.NewmanRunner;

/**
 * What a run leaves to undo, at its end or when the process is stopped: stops Newman (dropping the
 * output of a start that never got its inputs), publishes its scrubbed reports, removes the
 * hand-over and the private directory. Idempotent and thread-safe (the shutdown hook may run it
 * beside the run's own thread).
 */
final class Cleanup implements Runnable {
  private final NewmanRunner runner;
  private final PrivateDirectory directory;
  volatile NewmanStage stage;

  Cleanup(NewmanRunner runner, PrivateDirectory directory) {
    this.runner = runner;
    this.directory = directory;
  }

  @Override
  public synchronized void run() {
    runner.stop();
    runner.publishReports();
    NewmanStage open = stage;
    if (open != null) {
      open.close();
      stage = null;
    }
    directory.close();
  }
}
