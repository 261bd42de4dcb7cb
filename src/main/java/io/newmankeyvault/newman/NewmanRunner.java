package io.newmankeyvault.newman;

import com.fasterxml.jackson.databind.JsonNode;
import io.newmankeyvault.base.ExitCode;
import io.newmankeyvault.base.FailureKind;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.redact.Redactor;
import io.newmankeyvault.reports.NewmanResults;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs Newman as a child process with its output streamed through the redactor, and maps its exit
 * code: 0 and 1 are Newman's own, anything else (a crash, a signal) is {@link ExitCode#NEWMAN}.
 * Newman may be started before its inputs exist ({@link #start}), its output held back until the
 * tool hands them over ({@link #finish}). One runner runs one Newman, once.
 */
public final class NewmanRunner extends RunnerProcess {
  /** How long Newman may take to confirm that its guard supervises it. */
  public static final Duration GUARD_CONFIRMATION = Duration.ofMinutes(2);

  private final Map<String, String> environment;
  private final WarmNewman warm;
  private volatile Consumer<String> events = event -> {};

  private ResultsCapture capture;
  private boolean handedOver; // Newman got its inputs
  private UserFacingException startFailure;
  private volatile UserFacingException refusal; // the guard refused to let Newman go on
  private boolean startedWarm;
  private NewmanGuard guard;
  private byte[] capturedResults; // holds values in clear: parsed, never printed

  /**
   * @param out where Newman's stdout goes, redacted
   * @param err where Newman's stderr goes, redacted
   * @param redactor the run's redactor
   * @param environment Newman's environment ({@link NewmanEnvironment#of})
   * @param warm a Newman process started before the command line was parsed, used when it fits
   *     ({@link WarmNewman#none()} for none)
   */
  public NewmanRunner(
      PrintStream out,
      PrintStream err,
      Redactor redactor,
      Map<String, String> environment,
      WarmNewman warm) {
    super("Newman", out, err, redactor);
    this.environment = Map.copyOf(environment);
    this.warm = warm;
  }

  /**
   * Where the guard's events go (one JSON object each: a request blocked or a secret withheld, a
   * write refused); set before {@link #start}. A refusal of Newman's options is the runner's own.
   */
  public void onEvent(Consumer<String> listener) {
    this.events = listener;
  }

  /** What the run did, from the results the guard captured; empty when there are none. */
  public synchronized Optional<NewmanResults> results() {
    return capturedResults == null
        ? Optional.empty()
        : NewmanResults.parse(new ByteArrayInputStream(capturedResults));
  }

  /**
   * Starts Newman under its guard with its output held back until {@link #finish} (and dropped if
   * {@link #stop} comes first), and its results captured when the guard has a results pipe. Its
   * inputs may be named pipes that are written later: Newman waits for them.
   */
  public void start(NewmanInvocation invocation, NewmanGuard guard) {
    ProcessBuilder builder =
        new ProcessBuilder(invocation.arguments()).redirectInput(ProcessBuilder.Redirect.PIPE);
    Map<String, String> childEnvironment = environment;
    builder.environment().clear();
    builder.environment().putAll(childEnvironment);
    builder.environment().putAll(guard.environmentFor(childEnvironment));
    Process started;
    synchronized (this) {
      try {
        // Its exports are staged where the guard puts them, and published from there.
        started =
            launch(
                guard.staging(),
                "stopped before Newman was started",
                () -> {
                  this.guard = guard;
                  Process claimed = warm.claim(invocation, childEnvironment, guard);
                  startedWarm = claimed != null;
                  return startedWarm ? claimed : builder.start();
                });
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
      capture = guard.results() == null ? null : ResultsCapture.on(guard.results());
    }
    pump(started, new OutputPump.EventTap(guard.eventToken(), this::event), "newman");
  }

  private void event(String event) {
    try {
      JsonNode tree = Json.MAPPER.readTree(event);
      if (tree != null && tree.path("refused").isTextual()) {
        String message = tree.path("refused").asText();
        refusal =
            tree.path("kind").asText("").equals("newman")
                ? new UserFacingException(FailureKind.NEWMAN, message)
                : UserFacingException.usage(message);
        return;
      }
    } catch (IOException e) {
      return; // not an event of the guard's after all
    }
    events.accept(event);
  }

  /**
   * Waits until the guard confirms that it supervises Newman (its hooks are in place and Newman's
   * own options passed its checks): only then may Newman get secrets. False when Newman ended first
   * (the guard refused, or Newman failed; {@link #finish} says why); true when Newman is not
   * started yet (no named pipes: it starts at the hand-over).
   */
  public boolean awaitGuard(Duration timeout) {
    Process started;
    synchronized (this) {
      started = process();
      if (startFailure != null || started == null) {
        return startFailure == null;
      }
    }
    return guard.awaitConfirmation(started, timeout);
  }

  /**
   * Lets Newman's output through, waits for Newman to end, and returns the tool's exit code for it:
   * 0 and 1 are Newman's own, anything else is a failure of kind {@link FailureKind#NEWMAN}; a
   * refusal of the guard's is a usage error (what Newman was asked to do) or a Newman one.
   */
  public int finish() {
    synchronized (this) {
      if (startFailure != null) {
        throw startFailure;
      }
      handedOver = true;
    }
    try {
      int code = awaitExit();
      UserFacingException refused = refusal;
      if (refused != null) {
        throw refused;
      }
      return exitCode(code);
    } catch (InterruptedException e) {
      throw interrupted();
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
    Process started = process();
    return startFailure != null || (started != null && !started.isAlive());
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
   * Stops Newman and whatever it started (a wrapper script's children too): its stdin closes (the
   * guard then stops it at once), a polite signal, then a kill after a grace period. Safe to call
   * from a shutdown hook, and more than once.
   */
  @Override
  public void stop() {
    warm.discard();
    stopProcess(null);
    closeCapture();
  }
}
