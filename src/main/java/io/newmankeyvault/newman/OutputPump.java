package io.newmankeyvault.newman;

import io.newmankeyvault.redact.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Copies one of Newman's output streams to ours through the redactor, a line at a time so that a
 * secret is never split between two writes.
 *
 * <p>Newman's CLI reporter wraps script {@code console.log} output and request/response bodies at
 * 54 columns when it is not on a terminal (always, in CI), in boxes whose lines start with {@code "
 * │ "}; the Postman CLI's does the same with an ASCII {@code " | "}. A long secret is then cut in
 * two. Consecutive box lines are therefore held back and redacted as one text: a secret cut by the
 * wrap is masked on both lines. A very long line is flushed in pieces of {@link #MAX_LINE} bytes.
 */
final class OutputPump implements Runnable {
  static final int MAX_LINE = 1 << 20;

  /**
   * A wrapped box line: two spaces, '│' (Newman) or '|' (the Postman CLI), perhaps coloured, a
   * space.
   */
  private static final Pattern BOX_LINE =
      Pattern.compile(
          "^( {2}(?:\\x1b\\[[0-9;]*m)*[\u2502|](?:\\x1b\\[[0-9;]*m)* )(.*?)(\\r?\\n)?$",
          Pattern.DOTALL);

  private final InputStream in;
  private final PrintStream out;
  private final Redactor redactor;
  private final OutputGate gate;
  private final EventTap tap;

  /**
   * Lines that start with {@code token} and a space are the preload's events for the tool: handed
   * to {@code events} (without the token) instead of being printed.
   */
  record EventTap(String token, Consumer<String> events) {}

  private final List<String[]> box = new ArrayList<>(); // prefix, text, line end

  OutputPump(InputStream in, PrintStream out, Redactor redactor, OutputGate gate, EventTap tap) {
    this.in = in;
    this.out = out;
    this.redactor = redactor;
    this.gate = gate;
    this.tap = tap;
  }

  /**
   * Starts a daemon thread pumping the stream once the gate opens (draining it if discarded).
   *
   * @param tap the events to take out of the stream, or null
   */
  static Thread start(
      InputStream in,
      PrintStream out,
      Redactor redactor,
      OutputGate gate,
      EventTap tap,
      String name) {
    Thread thread = new Thread(new OutputPump(in, out, redactor, gate, tap), name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  @Override
  public void run() {
    try {
      if (!gate.awaitOpen()) {
        in.transferTo(OutputStream.nullOutputStream());
        return;
      }
    } catch (InterruptedException | IOException e) {
      return; // discarded and gone
    }
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    byte[] buffer = new byte[8192];
    try {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        int start = 0;
        for (int i = 0; i < read; i++) {
          if (buffer[i] == '\n' || line.size() + (i - start) >= MAX_LINE) {
            line.write(buffer, start, i + 1 - start);
            start = i + 1;
            accept(line);
          }
        }
        line.write(buffer, start, read - start);
      }
    } catch (IOException e) {
      // Newman's end closed: what was read is still written below.
    } finally {
      accept(line);
      flushBox();
    }
  }

  private void accept(ByteArrayOutputStream bytes) {
    if (bytes.size() == 0) {
      return;
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    bytes.reset();
    if (tap != null && text.startsWith(tap.token() + " ")) {
      tap.events().accept(text.substring(tap.token().length() + 1).strip());
      return;
    }
    Matcher box = BOX_LINE.matcher(text);
    if (box.matches()) {
      this.box.add(
          new String[] {box.group(1), box.group(2), box.group(3) == null ? "" : box.group(3)});
      return;
    }
    flushBox();
    write(redactor.redact(text));
  }

  private void flushBox() {
    if (box.isEmpty()) {
      return;
    }
    List<byte[]> pieces = new ArrayList<>(box.size());
    for (String[] line : box) {
      pieces.add(line[1].getBytes(StandardCharsets.UTF_8));
    }
    List<byte[]> redacted = redactor.redactWrapped(pieces);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < box.size(); i++) {
      text.append(box.get(i)[0])
          .append(new String(redacted.get(i), StandardCharsets.UTF_8))
          .append(box.get(i)[2]);
    }
    box.clear();
    // The prefixes and line ends are Newman's, but redact the whole once more: a form made of
    // the joins themselves must not slip through either.
    write(redactor.redact(text.toString()));
  }

  private void write(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    synchronized (out) {
      out.write(bytes, 0, bytes.length);
      out.flush();
    }
  }
}
