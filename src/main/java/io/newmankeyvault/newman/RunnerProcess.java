package io.newmankeyvault.newman;

import io.newmankeyvault.base.ExitCode;
import io.newmankeyvault.base.FailureKind;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.redact.Redactor;
import io.newmankeyvault.reports.ReportScrubber;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * What Newman's runner and the Postman CLI's share: one child process, started once and never after
 * a stop, its output held back until the hand-over ({@link OutputGate}) and streamed through the
 * redactor ({@link OutputPump}), the tool's end of its stdin open while the tool lives (its end
 * stops the child), its exit code mapped, the files it exported published through the leak gate
 * ({@link ReportScrubber}), and the stop of the child and whatever it started. Its state is guarded
 * by the runner's own lock ({@code this}), which the runner's own state shares.
 */
public abstract class RunnerProcess {
  /** Starts the child process. */
  @FunctionalInterface
  protected interface Launch {
    Process start() throws IOException;
  }

  private final String name;
  private final PrintStream out;
  private final PrintStream err;
  private final Redactor redactor;
  private final ReportScrubber scrubber;
  private final OutputGate gate = OutputGate.held();
  private Process process;
  private OutputStream stdin;
  private Thread stdoutPump;
  private Thread stderrPump;
  private Path staging;
  private boolean stopped;
  private ReportScrubber.Outcome published;

  /**
   * @param name the runner as messages name it ("Newman", "the Postman CLI")
   * @param out where the child's stdout goes, redacted
   * @param err where the child's stderr goes, redacted
   * @param redactor the run's redactor
   */
  protected RunnerProcess(String name, PrintStream out, PrintStream err, Redactor redactor) {
    this.name = name;
    this.out = out;
    this.err = err;
    this.redactor = redactor;
    this.scrubber = new ReportScrubber(redactor);
  }

  /**
   * Starts the child with {@code launch}, once, unless the runner was stopped first (a signal's
   * cleanup ran: a child started now would outlive the tool), which throws {@code stoppedMessage}.
   * The files it exports are staged in {@code staging}, which {@link #publishReports} publishes
   * even when {@code launch} fails.
   */
  protected final synchronized Process launch(Path staging, String stoppedMessage, Launch launch)
      throws IOException {
    if (process != null) {
      throw new IllegalStateException(name + " was started already");
    }
    if (stopped) {
      throw new UserFacingException(FailureKind.NEWMAN, stoppedMessage);
    }
    this.staging = staging;
    Process started = launch.start();
    process = started;
    stdin = started.getOutputStream();
    return started;
  }

  /**
   * Starts the daemon threads that copy the child's stdout and stderr through the redactor once the
   * gate opens ({@code threads}-stdout, {@code threads}-stderr).
   *
   * @param tap the events to take out of its stderr, or null
   */
  final void pump(Process started, OutputPump.EventTap tap, String threads) {
    stdoutPump =
        OutputPump.start(started.getInputStream(), out, redactor, gate, null, threads + "-stdout");
    stderrPump =
        OutputPump.start(started.getErrorStream(), err, redactor, gate, tap, threads + "-stderr");
  }

  /** Like {@link #pump(Process, OutputPump.EventTap, String)}, with no events to take out. */
  protected final void pump(Process started, String threads) {
    pump(started, null, threads);
  }

  /** The child, or null before it started (or when it could not start). */
  protected final synchronized Process process() {
    return process;
  }

  /**
   * Lets the child's output through, waits for the child to end and for its output to be written,
   * closes its stdin, and returns its exit code.
   */
  protected final int awaitExit() throws InterruptedException {
    Process started = process();
    gate.open();
    int code = started.waitFor();
    stdoutPump.join();
    stderrPump.join();
    closeStdin();
    return code;
  }

  /**
   * The tool's exit code for the child's: 0 and 1 are the runner's own, anything else (a crash, a
   * signal) is a failure of kind {@link FailureKind#NEWMAN}.
   */
  protected final int exitCode(int code) {
    return switch (code) {
      case 0 -> ExitCode.OK;
      case 1 -> ExitCode.TESTS_FAILED;
      default ->
          throw new UserFacingException(
              FailureKind.NEWMAN,
              code > 128
                  ? name + " was killed by signal " + (code - 128)
                  : name + " failed with exit code " + code + " (see its output above)");
    };
  }

  /** After an interrupt while the child ran: stops it and returns the failure to throw. */
  protected final UserFacingException interrupted() {
    Thread.currentThread().interrupt();
    stop();
    return new UserFacingException(
        FailureKind.NEWMAN, "interrupted while " + name + " was running");
  }

  /**
   * Redacts every file the child exported (staged in the private directory), checks it again and
   * publishes it where the user asked; keeps back any in which a protected form survives or that
   * redaction left malformed. Once, after the child has stopped (also from the shutdown hook).
   * Returns the files kept back and those that could not be checked, one line each, saying why;
   * empty when every file was published.
   */
  public synchronized List<String> publishReports() {
    if (staging == null) {
      return List.of();
    }
    if (published == null) {
      published = scrubber.publish(staging);
    }
    return published.problems();
  }

  /**
   * Stops the child and whatever it started; safe to call from a shutdown hook, and more than once.
   */
  public abstract void stop();

  /**
   * Stops the child and whatever it started (a wrapper script's children too): drops its held-back
   * output (nothing of a start that never got its inputs is printed) and marks the runner stopped;
   * then, while the child runs, sends it and its descendants a polite signal and kills them after a
   * grace period ({@link ProcessTree#end}). With a {@code farewell}, that line is written to the
   * child's stdin and the stdin closed before the signal (the Postman CLI's shell then ends the
   * CLI); without, the stdin closes right after the signal (Newman's guard then stops it at once).
   */
  protected final void stopProcess(String farewell) {
    gate.discard();
    Process running;
    synchronized (this) {
      stopped = true;
      running = process;
    }
    if (running == null || !running.isAlive()) {
      closeStdin();
      return;
    }
    List<ProcessHandle> descendants = running.descendants().toList();
    if (farewell == null) {
      ProcessTree.end(running, descendants, this::closeStdin);
    } else {
      tell(farewell);
      closeStdin();
      ProcessTree.end(running, descendants, () -> {});
    }
  }

  private synchronized void tell(String line) {
    if (stdin != null) {
      try {
        stdin.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        stdin.flush();
      } catch (IOException e) {
        // The child is gone already.
      }
    }
  }

  private synchronized void closeStdin() {
    if (stdin != null) {
      try {
        stdin.close();
      } catch (IOException e) {
        // Gone already.
      }
      stdin = null;
    }
  }
}
