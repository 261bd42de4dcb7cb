package io.newmankeyvault.newman;

import io.newmankeyvault.redact.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Redacts the files Newman's reporters wrote, in place, then checks them again (the leak gate): a
 * file in which a protected form survives is deleted rather than published, and so is a JSON or XML
 * report that was well-formed before redaction and is not after it. JSON reports are redacted token
 * by token ({@link JsonReportScrubber}), so they stay JSON; other files as text. Newman's JSON
 * reporter stores request and response bodies as Buffer byte arrays ({@code
 * {"type":"Buffer","data":[67,65,...]}}); those are decoded, redacted and re-encoded too, in text
 * as well (a JSON file that does not parse).
 */
class ReportScrubber {
  private static final Pattern BUFFER =
      Pattern.compile(
          "(\"type\"\\s*:\\s*\"Buffer\"\\s*,\\s*\"data\"\\s*:\\s*\\[)([0-9,\\s]*)(\\])");

  private final Redactor redactor;
  private final JsonReportScrubber json;

  ReportScrubber(Redactor redactor) {
    this.redactor = redactor;
    this.json = new JsonReportScrubber(redactor);
  }

  /**
   * What one scrub did.
   *
   * @param redacted the files changed
   * @param removed the files the leak gate removed: a protected form was still in them
   * @param malformed the JSON and XML files removed because redaction left them malformed
   * @param errors files that could not be read or written, which were removed too
   */
  record Outcome(
      List<Path> redacted, List<Path> removed, List<Path> malformed, List<String> errors) {}

  /**
   * Scrubs every regular file under the given files and directories (those that exist).
   *
   * @return the files changed, the files the gate removed, and files that could not be read
   */
  Outcome scrub(Set<Path> locations) {
    List<Path> redacted = new ArrayList<>();
    List<Path> removed = new ArrayList<>();
    List<Path> malformed = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (Path file : files(locations)) {
      try {
        byte[] original = Files.readAllBytes(file);
        ReportFormat format = ReportFormat.of(file);
        byte[] clean = scrub(format, original);
        if (clean != original) {
          Files.write(file, clean);
          redacted.add(file);
        }
        if (leaks(clean)) {
          Files.delete(file);
          removed.add(file);
        } else if (clean != original && format.wellFormed(original) && !format.wellFormed(clean)) {
          Files.delete(file);
          malformed.add(file);
        }
      } catch (IOException e) {
        errors.add(file + " (" + e.getClass().getSimpleName() + ")");
        try {
          Files.deleteIfExists(file); // unreadable means unchecked: do not publish it
          removed.add(file);
        } catch (IOException again) {
          // Reported below.
        }
      }
    }
    return new Outcome(redacted, removed, malformed, errors);
  }

  /** A report redacted the way its format needs: JSON token by token, anything else as text. */
  byte[] scrub(ReportFormat format, byte[] bytes) {
    if (format == ReportFormat.JSON) {
      try {
        return json.scrub(bytes);
      } catch (IOException notJson) {
        // Not one JSON document after all (e.g. one JSON value per line): redact it as text.
      }
    }
    return scrub(bytes);
  }

  private static List<Path> files(Set<Path> locations) {
    Set<Path> files = new LinkedHashSet<>();
    for (Path location : locations) {
      if (Files.isRegularFile(location)) {
        files.add(location);
      } else if (Files.isDirectory(location)) {
        try (Stream<Path> walk = Files.walk(location)) {
          walk.filter(Files::isRegularFile).forEach(files::add);
        } catch (IOException e) {
          // A directory that vanished holds nothing to publish.
        }
      }
    }
    return List.copyOf(files);
  }

  /** The bytes with protected forms redacted, Buffer arrays included; the same array if clean. */
  byte[] scrub(byte[] bytes) {
    byte[] text = bytes;
    if (containsBuffer(bytes)) {
      String content = new String(bytes, StandardCharsets.UTF_8);
      Matcher matcher = BUFFER.matcher(content);
      StringBuilder out = new StringBuilder(content.length());
      boolean changed = false;
      while (matcher.find()) {
        byte[] data = decode(matcher.group(2));
        byte[] clean = redactor.redact(data);
        String replacement =
            clean == data ? matcher.group(0) : matcher.group(1) + encode(clean) + matcher.group(3);
        changed |= clean != data;
        matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
      }
      matcher.appendTail(out);
      if (changed) {
        text = out.toString().getBytes(StandardCharsets.UTF_8);
      }
    }
    byte[] clean = redactor.redact(text);
    return clean == text && text == bytes ? bytes : clean;
  }

  /** Whether a protected form is still in the bytes or in a Buffer array inside them. */
  boolean leaks(byte[] bytes) {
    if (redactor.containsProtected(bytes)) {
      return true;
    }
    if (containsBuffer(bytes)) {
      Matcher matcher = BUFFER.matcher(new String(bytes, StandardCharsets.UTF_8));
      while (matcher.find()) {
        if (redactor.containsProtected(decode(matcher.group(2)))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean containsBuffer(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1).contains("\"Buffer\"");
  }

  private static byte[] decode(String numbers) {
    String[] parts = numbers.split(",");
    byte[] data = new byte[numbers.isBlank() ? 0 : parts.length];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) Integer.parseInt(parts[i].strip());
    }
    return data;
  }

  private static String encode(byte[] data) {
    StringBuilder numbers = new StringBuilder(data.length * 4);
    for (int i = 0; i < data.length; i++) {
      numbers.append(i == 0 ? "" : ",").append(data[i] & 0xff);
    }
    return numbers.toString();
  }
}
