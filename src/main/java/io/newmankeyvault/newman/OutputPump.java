package io.newmankeyvault.newman;

import io.newmankeyvault.redact.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies one of Newman's output streams to ours a line at a time, through the redactor. Lines
 * are the unit so that a secret is never split between two writes; a very long line is flushed
 * in pieces of {@link #MAX_LINE} bytes.
 */
final class OutputPump implements Runnable {
  static final int MAX_LINE = 1 << 20;

  private final InputStream in;
  private final PrintStream out;
  private final Redactor redactor;

  OutputPump(InputStream in, PrintStream out, Redactor redactor) {
    this.in = in;
    this.out = out;
    this.redactor = redactor;
  }

  /** Starts a daemon thread pumping the stream. */
  static Thread start(InputStream in, PrintStream out, Redactor redactor, String name) {
    Thread thread = new Thread(new OutputPump(in, out, redactor), name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  @Override
  public void run() {
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    byte[] buffer = new byte[8192];
    try {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        for (int i = 0; i < read; i++) {
          line.write(buffer[i]);
          if (buffer[i] == '\n' || line.size() >= MAX_LINE) {
            emit(line);
          }
        }
      }
    } catch (IOException e) {
      // Newman's end closed: what was read is still written below.
    } finally {
      emit(line);
    }
  }

  private void emit(ByteArrayOutputStream line) {
    if (line.size() == 0) {
      return;
    }
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    byte[] redacted = redactor.redact(text).getBytes(StandardCharsets.UTF_8);
    synchronized (out) {
      out.write(redacted, 0, redacted.length);
      out.flush();
    }
  }
}
