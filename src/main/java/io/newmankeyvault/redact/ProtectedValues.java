package io.newmankeyvault.redact;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The values a run must never show, and the forms they take in text: as is, each line of a
 * multi-line value, JSON-escaped, URL-encoded ({@code %20} and {@code +}) and base64.
 * Thread-safe: additions and reads are synchronized; readers get snapshots.
 */
public final class ProtectedValues {
  /**
   * Lines of a multi-line value shorter than this (after trimming) are not protected on their
   * own: "{", "}" or "-----" would blank out unrelated text and are no secret by themselves.
   */
  static final int MIN_LINE_LENGTH = 4;

  private final Set<String> values = new LinkedHashSet<>();
  private long generation;

  /** Adds values; empty ones are ignored. */
  public synchronized void addAll(Collection<String> more) {
    for (String value : more) {
      if (value != null && !value.isEmpty() && values.add(value)) {
        generation++;
      }
    }
  }

  public void add(String value) {
    addAll(List.of(value));
  }

  /** The values themselves, in the order they were added. */
  public synchronized List<String> values() {
    return List.copyOf(values);
  }

  /** A number that changes whenever a value is added, so users can cache derived forms. */
  public synchronized long generation() {
    return generation;
  }

  /**
   * Lines of a value worth masking or redacting on their own: the value itself when it has one
   * line, else each line of at least {@link #MIN_LINE_LENGTH} characters after trimming.
   */
  public static List<String> lines(String value) {
    if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
      return List.of(value);
    }
    return value
        .lines()
        .map(String::strip)
        .filter(line -> line.length() >= MIN_LINE_LENGTH)
        .distinct()
        .toList();
  }

  /** Every form of every value that redaction looks for. */
  public synchronized Set<String> forms() {
    Set<String> forms = new LinkedHashSet<>();
    for (String value : values) {
      forms.add(value);
      forms.addAll(lines(value));
      forms.add(jsonEscaped(value));
      String urlPlus = URLEncoder.encode(value, StandardCharsets.UTF_8);
      forms.add(urlPlus);
      forms.add(urlPlus.replace("+", "%20"));
      forms.add(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
    }
    forms.remove("");
    return forms;
  }

  /** The value as it appears inside a JSON string. */
  static String jsonEscaped(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
