package io.newmankeyvault.redact;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The tool's own stdout and stderr. Every line goes through the redactor, so a message that
 * somehow carries a protected value still prints {@code ***}. Thread-safe.
 */
public final class Output {
  private final PrintStream out;
  private final PrintStream err;
  private final ProtectedValues protectedValues = new ProtectedValues();
  private final Redactor redactor = new Redactor(protectedValues);

  public Output(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public PrintStream stdout() {
    return out;
  }

  public PrintStream stderr() {
    return err;
  }

  /** The run's protected values: add every secret, key and token as soon as it is known. */
  public ProtectedValues protectedValues() {
    return protectedValues;
  }

  public Redactor redactor() {
    return redactor;
  }

  /** Prints text to stdout, redacted. */
  public void print(String text) {
    synchronized (out) {
      out.print(redactor.redact(text));
      out.flush();
    }
  }

  /** Prints each line of a message to stderr as {@code error: line}, redacted. */
  public void error(String message) {
    StringBuilder lines = new StringBuilder();
    message.lines().forEach(line -> lines.append("error: ").append(line).append('\n'));
    synchronized (err) {
      err.print(redactor.redact(lines.toString()));
      err.flush();
    }
  }

  /** Prints a progress or retry notice to stderr as {@code newman-keyvault: message}, redacted. */
  public void notice(String message) {
    synchronized (err) {
      err.print(redactor.redact("newman-keyvault: " + message + "\n"));
      err.flush();
    }
  }

  /** Prints one library log line to stderr, redacted: for {@code --verbose} only. */
  public void libraryLog(String line) {
    synchronized (err) {
      err.print(redactor.redact("newman-keyvault: [sdk] " + line.replace('\n', ' ') + "\n"));
      err.flush();
    }
  }

  /** Prints a stack trace to stderr, redacted: for {@code --verbose} only. */
  public void stackTrace(Throwable throwable) {
    StringWriter trace = new StringWriter();
    throwable.printStackTrace(new PrintWriter(trace));
    synchronized (err) {
      err.print(redactor.redact(trace.toString()));
      err.flush();
    }
  }
}
