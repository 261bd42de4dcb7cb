package io.newmankeyvault.reports;

import io.newmankeyvault.redact.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publishes the files Newman exported, which its guard staged in the private directory under the
 * paths Newman computed: each is redacted, checked again (the leak gate) and only then written to
 * where the user asked, with the user's umask. A file in which a protected form survives is not
 * published, nor is a JSON or XML report that was well-formed before redaction and is not after it.
 * JSON reports are redacted token by token ({@link JsonReportScrubber}), so they stay JSON; other
 * files as text. Newman's JSON reporter stores request and response bodies as Buffer byte arrays
 * ({@code {"type":"Buffer","data":[67,65,...]}}); those are decoded, redacted and re-encoded too,
 * in text as well (a JSON file that does not parse). Nothing but the staged files is read, and
 * nothing but their targets is written.
 */
public class ReportScrubber {
  public static final String MANIFEST = "manifest.jsonl";

  private static final Pattern BUFFER =
      Pattern.compile(
          "(\"type\"\\s*:\\s*\"Buffer\"\\s*,\\s*\"data\"\\s*:\\s*\\[)([0-9,\\s]*)(\\])");

  private final Redactor redactor;
  private final JsonReportScrubber json;

  public ReportScrubber(Redactor redactor) {
    this.redactor = redactor;
    this.json = new JsonReportScrubber(redactor);
  }

  /**
   * What one publication did.
   *
   * @param published the files written where the user asked
   * @param removed the files the leak gate kept back: a protected form was still in them
   * @param malformed the JSON and XML files kept back because redaction left them malformed
   * @param errors files that could not be read or written, kept back too, one line each
   */
  public record Outcome(
      List<Path> published, List<Path> removed, List<Path> malformed, List<String> errors) {
    /** The files kept back, one line each saying why; empty when every file was published. */
    public List<String> problems() {
      List<String> problems = new ArrayList<>();
      removed.forEach(file -> problems.add(file + " (a protected value was still in it)"));
      malformed.forEach(file -> problems.add(file + " (redaction left it malformed)"));
      problems.addAll(errors);
      return problems;
    }
  }

  /** Scrubs, checks and publishes every file the guard staged in {@code staging}, in order. */
  public Outcome publish(Path staging) {
    List<Path> published = new ArrayList<>();
    List<Path> removed = new ArrayList<>();
    List<Path> malformed = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (StagedExport export : StagedExport.readManifest(staging.resolve(MANIFEST), staging)) {
      Path target = export.target();
      try {
        byte[] original = Files.readAllBytes(export.staged());
        ReportFormat format = ReportFormat.of(target);
        byte[] clean = scrub(format, original);
        boolean brokenByRedaction =
            clean != original && format.wellFormed(original) && !format.wellFormed(clean);
        if (clean != original) {
          Arrays.fill(original, (byte) 0); // the bytes as Newman wrote them, secrets and all
        }
        if (leaks(clean)) {
          removed.add(target);
        } else if (brokenByRedaction) {
          malformed.add(target);
        } else {
          Path parent = target.getParent();
          if (parent != null) {
            Files.createDirectories(parent);
          }
          Files.write(target, clean);
          published.add(target);
        }
      } catch (IOException e) {
        errors.add(target + " (" + e.getClass().getSimpleName() + ")");
      } finally {
        try {
          Files.deleteIfExists(export.staged());
        } catch (IOException e) {
          // The private directory's own cleanup removes it.
        }
      }
    }
    return new Outcome(published, removed, malformed, errors);
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
