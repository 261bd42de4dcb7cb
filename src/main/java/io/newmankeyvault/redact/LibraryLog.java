package io.newmankeyvault.redact;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MarkerIgnoringBase;
import org.slf4j.helpers.MessageFormatter;

/**
 * Where the libraries' SLF4J logs (the Azure SDK's, MSAL's) go: nowhere by default, and with {@code
 * --verbose} to stderr through the run's redactor. SLF4J's binding is process-wide, so this sink is
 * too; a run sets it and clears it.
 */
public final class LibraryLog {
  private static volatile Consumer<String> sink;

  private LibraryLog() {}

  /** Sends library logs (INFO and above) to {@code lines}, or nowhere when it is null. */
  public static void sendTo(Consumer<String> lines) {
    sink = lines;
  }

  /** The logger SLF4J hands to a library. */
  public static Logger logger(String name) {
    return new SinkLogger(name);
  }

  private static final class SinkLogger extends MarkerIgnoringBase {
    private static final long serialVersionUID = 1L;

    SinkLogger(String name) {
      this.name = name;
    }

    private static boolean on() {
      return sink != null;
    }

    private void log(String level, FormattingTuple message) {
      Consumer<String> lines = sink;
      if (lines == null) {
        return;
      }
      StringBuilder text = new StringBuilder(level).append(' ').append(name).append(": ");
      text.append(message.getMessage());
      Throwable thrown = message.getThrowable();
      if (thrown != null) {
        // The class only: library exception messages can quote requests.
        text.append(" (").append(thrown.getClass().getName()).append(')');
      }
      lines.accept(text.toString());
    }

    private void log(String level, String format, Object... args) {
      if (on()) {
        log(level, MessageFormatter.arrayFormat(format, args));
      }
    }

    @Override
    public boolean isTraceEnabled() {
      return false;
    }

    @Override
    public void trace(String msg) {}

    @Override
    public void trace(String format, Object arg) {}

    @Override
    public void trace(String format, Object arg1, Object arg2) {}

    @Override
    public void trace(String format, Object... arguments) {}

    @Override
    public void trace(String msg, Throwable t) {}

    @Override
    public boolean isDebugEnabled() {
      return false;
    }

    @Override
    public void debug(String msg) {}

    @Override
    public void debug(String format, Object arg) {}

    @Override
    public void debug(String format, Object arg1, Object arg2) {}

    @Override
    public void debug(String format, Object... arguments) {}

    @Override
    public void debug(String msg, Throwable t) {}

    @Override
    public boolean isInfoEnabled() {
      return on();
    }

    @Override
    public void info(String msg) {
      log("INFO", msg);
    }

    @Override
    public void info(String format, Object arg) {
      log("INFO", format, arg);
    }

    @Override
    public void info(String format, Object arg1, Object arg2) {
      log("INFO", format, arg1, arg2);
    }

    @Override
    public void info(String format, Object... arguments) {
      log("INFO", format, arguments);
    }

    @Override
    public void info(String msg, Throwable t) {
      log("INFO", msg, t);
    }

    @Override
    public boolean isWarnEnabled() {
      return on();
    }

    @Override
    public void warn(String msg) {
      log("WARN", msg);
    }

    @Override
    public void warn(String format, Object arg) {
      log("WARN", format, arg);
    }

    @Override
    public void warn(String format, Object arg1, Object arg2) {
      log("WARN", format, arg1, arg2);
    }

    @Override
    public void warn(String format, Object... arguments) {
      log("WARN", format, arguments);
    }

    @Override
    public void warn(String msg, Throwable t) {
      log("WARN", msg, t);
    }

    @Override
    public boolean isErrorEnabled() {
      return on();
    }

    @Override
    public void error(String msg) {
      log("ERROR", msg);
    }

    @Override
    public void error(String format, Object arg) {
      log("ERROR", format, arg);
    }

    @Override
    public void error(String format, Object arg1, Object arg2) {
      log("ERROR", format, arg1, arg2);
    }

    @Override
    public void error(String format, Object... arguments) {
      log("ERROR", format, arguments);
    }

    @Override
    public void error(String msg, Throwable t) {
      log("ERROR", msg, t);
    }
  }
}
