package io.newmankeyvault.newman;

import io.newmankeyvault.base.ExitCode;
import io.newmankeyvault.base.FailureKind;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.redact.Redactor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs Newman as a child process with its output streamed through the redactor, and maps its exit
 * code: 0 and 1 are Newman's own, anything else (a crash, a signal) is {@link ExitCode#NEWMAN}.
 * Newman may be started before its inputs exist ({@link #start}), its output held back until the
 * tool hands them over ({@link #finish}). One runner runs one Newman, once.
 */
public final class NewmanRunner {
  /**
   * Credentials of the tool's own that Newman has no use for; removed from its environment so a
   * reporter or a script cannot read them.
   */
  static final List<String> WITHHELD_VARIABLES =
      List.of(
          "POSTMAN_API_KEY",
          "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
          "ACTIONS_ID_TOKEN_REQUEST_URL",
          "SYSTEM_ACCESSTOKEN",
          "AZURE_CLIENT_SECRET",
          "AZURE_CLIENT_CERTIFICATE_PASSWORD",
          "AZURE_FEDERATED_TOKEN_FILE",
          "NKV_SECRETS_FILE");

  private static final long STOP_GRACE_SECONDS = 5;

  private final PrintStream out;
  private final PrintStream err;
  private final Redactor redactor;
  private final Map<String, String> environment;
  private final WarmNewman warm;
  private volatile Consumer<String> events = event -> {};
  private Process process;

  private final ReportScrubber scrubber;
  private final OutputGate gate = OutputGate.held();
  private Thread stdoutPump;
  private Thread stderrPump;
  private ResultsCapture capture;
  private boolean handedOver; // Newman got its inputs: it may have written reports
  private boolean stopped;
  private UserFacingException startFailure;
  private boolean startedWarm;
  private NewmanInvocation invocation;
  private ReportScrubber.Outcome scrubbed;
  private byte[] capturedResults; // holds values in clear: parsed, never printed

  /**
   * @param out where Newman's stdout goes, redacted
   * @param err where Newman's stderr goes, redacted
   * @param redactor the run's redactor
   * @param environment the environment Newman starts with, but the tool's own credentials
   */
  public NewmanRunner(
      PrintStream out, PrintStream err, Redactor redactor, Map<String, String> environment) {
    this(out, err, redactor, environment, WarmNewman.none());
  }

  /**
   * @param warm a Newman process started before the command line was parsed, used when it fits
   */
  public NewmanRunner(
      PrintStream out,
      PrintStream err,
      Redactor redactor,
      Map<String, String> environment,
      WarmNewman warm) {
    this.out = out;
    this.err = err;
    this.redactor = redactor;
    this.environment = Map.copyOf(environment);
    this.scrubber = new ReportScrubber(redactor);
    this.warm = warm;
  }

  /**
   * Where the preload's events go (one JSON object each, e.g. a request that went out with a secret
   * withheld); set before {@link #start}.
   */
  public void onEvent(Consumer<String> listener) {
    this.events = listener;
  }

  /** The environment Newman gets: the tool's, without the tool's own credentials. */
  static Map<String, String> childEnvironment(Map<String, String> environment) {
    Map<String, String> child = new java.util.HashMap<>(environment);
    WITHHELD_VARIABLES.forEach(child::remove);
    return child;
  }

  /**
   * Redacts every report Newman wrote and removes any in which a protected form survives or that
   * redaction left malformed; once, after Newman has stopped (also from the shutdown hook), and
   * only when Newman got its inputs (a start stopped before leaves the reports as they were).
   * Returns the files removed and those that could not be checked, one line each, saying why; empty
   * when the reports are clean.
   */
  public synchronized List<String> scrubReports() {
    if (invocation == null || !handedOver) {
      return List.of();
    }
    if (scrubbed == null) {
      scrubbed = scrubber.scrub(invocation.reportLocations(Path.of("").toAbsolutePath()));
    }
    List<String> problems = new java.util.ArrayList<>();
    scrubbed.removed().forEach(file -> problems.add(file + " (a protected value was still in it)"));
    scrubbed.malformed().forEach(file -> problems.add(file + " (redaction left it malformed)"));
    scrubbed.errors().forEach(problems::add);
    return problems;
  }

  /**
   * What the run did, from the captured JSON results or the user's own (scrubbed) JSON report;
   * empty when neither exists. Call after {@link #scrubReports()}.
   */
  public synchronized Optional<NewmanResults> results() {
    if (capturedResults != null) {
      return NewmanResults.parse(new ByteArrayInputStream(capturedResults));
    }
    if (invocation == null || !handedOver) {
      return Optional.empty();
    }
    Path report = invocation.userJsonReport(Path.of("").toAbsolutePath());
    return report == null ? Optional.empty() : NewmanResults.newestIn(report);
  }

  /** Runs Newman to the end and returns the tool's exit code for it. */
  public int run(NewmanInvocation invocation) {
    start(invocation, null);
    return finish();
  }

  /**
   * Starts Newman with its output held back until {@link #finish} (and dropped if {@link #stop}
   * comes first), and its JSON results captured when the invocation names a results pipe. Its
   * inputs may be named pipes that are written later: Newman waits for them.
   *
   * @param preload what Node loads before Newman (the vault scope), or null for nothing
   */
  public void start(NewmanInvocation invocation, NewmanPreload preload) {
    ProcessBuilder builder =
        new ProcessBuilder(invocation.arguments()).redirectInput(ProcessBuilder.Redirect.PIPE);
    Map<String, String> childEnvironment = childEnvironment(environment);
    builder.environment().clear();
    builder.environment().putAll(childEnvironment);
    if (preload != null) {
      builder.environment().putAll(preload.environmentFor(childEnvironment));
    }
    Process started;
    synchronized (this) {
      if (process != null) {
        throw new IllegalStateException("Newman was started already");
      }
      if (stopped) {
        // A signal's cleanup ran first: a Newman started now would outlive the tool.
        throw new UserFacingException(FailureKind.NEWMAN, "stopped before Newman was started");
      }
      this.invocation = invocation;
      try {
        Process claimed = warm.claim(invocation, childEnvironment, preload);
        startedWarm = claimed != null;
        started = startedWarm ? claimed : builder.start();
      } catch (IOException e) {
        // Told at finish(): a failure found before the hand-over (bad input, a missing secret)
        // is the one the user needs first, as when Newman started last.
        startFailure =
            new UserFacingException(
                FailureKind.NEWMAN,
                "could not start Newman ('"
                    + String.join(" ", invocation.newman())
                    + "'): install it (npm install --global newman@6.2.2) or point --newman at it");
        return;
      }
      process = started;
      capture = invocation.capturesResults() ? ResultsCapture.on(invocation.resultsPipe()) : null;
    }
    try {
      started.getOutputStream().close(); // Newman reads nothing from stdin (a warm one, no more)
    } catch (IOException e) {
      // Already closed.
    }
    OutputPump.EventTap tap =
        preload == null ? null : new OutputPump.EventTap(preload.eventToken(), events);
    stdoutPump =
        OutputPump.start(started.getInputStream(), out, redactor, gate, null, "newman-stdout");
    stderrPump =
        OutputPump.start(started.getErrorStream(), err, redactor, gate, tap, "newman-stderr");
  }

  /**
   * Lets Newman's output through, waits for Newman to end, and returns the tool's exit code for it:
   * 0 and 1 are Newman's own, anything else is a failure of kind {@link FailureKind#NEWMAN}.
   */
  public int finish() {
    Process started;
    synchronized (this) {
      if (startFailure != null) {
        throw startFailure;
      }
      started = process;
      handedOver = true;
    }
    gate.open();
    try {
      int code = started.waitFor();
      stdoutPump.join();
      stderrPump.join();
      return switch (code) {
        case 0 -> ExitCode.OK;
        case 1 -> ExitCode.TESTS_FAILED;
        default ->
            throw new UserFacingException(
                FailureKind.NEWMAN,
                code > 128
                    ? "Newman was killed by signal " + (code - 128)
                    : "Newman failed with exit code " + code + " (see its output above)");
      };
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
      throw new UserFacingException(FailureKind.NEWMAN, "interrupted while Newman was running");
    } finally {
      closeCapture();
    }
  }

  /** Whether Newman is the {@link WarmNewman} started before the command line was parsed. */
  public synchronized boolean startedWarm() {
    return startedWarm;
  }

  /** Whether Newman has ended already (or never started), before its inputs were written, say. */
  public synchronized boolean hasEnded() {
    return startFailure != null || (process != null && !process.isAlive());
  }

  private synchronized void closeCapture() {
    if (capture != null) {
      if (capturedResults == null && handedOver) {
        capturedResults = capture.report().filter(bytes -> bytes.length > 0).orElse(null);
      }
      capture.close();
      capture = null;
    }
  }

  /**
   * Stops Newman and whatever it started (a wrapper script's children too): a polite signal first,
   * then a kill after a grace period. Safe to call from a shutdown hook, and more than once.
   */
  public void stop() {
    gate.discard(); // nothing of a start that never got its inputs is printed
    warm.discard();
    Process running;
    synchronized (this) {
      stopped = true;
      running = process;
    }
    if (running == null || !running.isAlive()) {
      closeCapture();
      return;
    }
    List<ProcessHandle> descendants = running.descendants().toList();
    running.destroy();
    descendants.forEach(ProcessHandle::destroy);
    try {
      if (!running.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
        running.destroyForcibly();
      }
    } catch (InterruptedException e) {
      running.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    closeCapture();
  }
}
