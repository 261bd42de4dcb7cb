package io.newmankeyvault.redact;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The tool's own stdout and stderr. Every line goes through the redactor, so a message that somehow
 * carries a protected value still prints {@code ***}. Thread-safe.
 */
public final class Output {
  private final PrintStream out;
  private final PrintStream err;
  private final Function<String, List<String>> maskCommands;
  private final ProtectedValues protectedValues = new ProtectedValues(this::mask);
  private final Redactor redactor = new Redactor(protectedValues);
  private volatile UnaryOperator<String> errorWords = UnaryOperator.identity();

  /**
   * @param out stdout
   * @param err stderr
   * @param maskCommands the lines that tell the CI system to mask a value in its logs (none outside
   *     CI), printed for each new protected value
   */
  public Output(PrintStream out, PrintStream err, Function<String, List<String>> maskCommands) {
    this.out = out;
    this.err = err;
    this.maskCommands = maskCommands;
  }

  /**
   * Tells the CI system to mask a new protected value. These lines are the only place a value is
   * ever printed, by design; they bypass the redactor and go out before any other text can hold the
   * value.
   */
  private void mask(String value) {
    List<String> commands = maskCommands.apply(value);
    if (commands.isEmpty()) {
      return;
    }
    synchronized (out) {
      commands.forEach(out::println);
      out.flush();
    }
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
    String redacted = redactor.redact(text); // before the lock: adding a value takes both
    synchronized (out) {
      out.print(redacted);
      out.flush();
    }
  }

  /** Prints each line of a message to stderr as {@code error: line}, redacted. */
  public void error(String message) {
    StringBuilder lines = new StringBuilder();
    UnaryOperator<String> words = errorWords;
    message.lines().forEach(line -> lines.append("error: ").append(words.apply(line)).append('\n'));
    String redacted = redactor.redact(lines.toString());
    synchronized (err) {
      err.print(redacted);
      err.flush();
    }
  }

  /**
   * Rewords each line of every later error before it is redacted: the command layer names options
   * the way the user gave them (a CI input or variable).
   */
  public void sayErrorsIn(UnaryOperator<String> words) {
    this.errorWords = words;
  }

  /** Prints a progress or retry notice to stderr as {@code newman-keyvault: message}, redacted. */
  public void notice(String message) {
    String redacted = redactor.redact("newman-keyvault: " + message + "\n");
    synchronized (err) {
      err.print(redacted);
      err.flush();
    }
  }

  /** Prints one library log line to stderr, redacted: for {@code --verbose} only. */
  public void libraryLog(String line) {
    String redacted = redactor.redact("newman-keyvault: [sdk] " + line.replace('\n', ' ') + "\n");
    synchronized (err) {
      err.print(redacted);
      err.flush();
    }
  }

  /** Prints a stack trace to stderr, redacted: for {@code --verbose} only. */
  public void stackTrace(Throwable throwable) {
    StringWriter trace = new StringWriter();
    throwable.printStackTrace(new PrintWriter(trace));
    String redacted = redactor.redact(trace.toString());
    synchronized (err) {
      err.print(redacted);
      err.flush();
    }
  }
}
