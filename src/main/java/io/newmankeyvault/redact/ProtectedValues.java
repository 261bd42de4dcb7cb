package io.newmankeyvault.redact;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The values a run must never show, and every form they take in text ({@link ValueForms}).
 * Thread-safe: additions and reads are synchronized; readers get snapshots.
 */
public final class ProtectedValues {
  /**
   * Lines of a multi-line value shorter than this (after trimming), or without a letter or digit,
   * are not protected on their own: "{", "}" or "-----" would blank out unrelated text and are no
   * secret by themselves.
   */
  static final int MIN_LINE_LENGTH = 4;

  private final Set<String> values = new LinkedHashSet<>();
  private final java.util.function.Consumer<String> onAdded;
  private long generation;

  /** A set with nobody to tell about new values. */
  public ProtectedValues() {
    this(value -> {});
  }

  /**
   * @param onAdded called with each new value as it is added, before any text can show it (CI
   *     masking hooks in here)
   */
  public ProtectedValues(java.util.function.Consumer<String> onAdded) {
    this.onAdded = onAdded;
  }

  /**
   * Values shorter than this cannot be hidden without hiding every occurrence of those characters
   * in every log line ("x" would blank out every x): they are not protected, and the run says so.
   */
  public static final int MIN_VALUE_LENGTH = 4;

  /** Whether a value is long enough to be protected. */
  public static boolean isProtectable(String value) {
    return value != null && value.length() >= MIN_VALUE_LENGTH;
  }

  /** Adds values; those too short to protect are ignored. */
  public synchronized void addAll(Collection<String> more) {
    for (String value : more) {
      if (isProtectable(value) && values.add(value)) {
        generation++;
        onAdded.accept(value);
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
        .filter(
            line ->
                line.length() >= MIN_LINE_LENGTH
                    && line.chars().anyMatch(Character::isLetterOrDigit))
        .distinct()
        .toList();
  }

  /**
   * Every form of one value that redaction looks for ({@link ValueForms}), each a plain string that
   * can appear literally in text. The redactor also masks what no list can hold: the start of a
   * form cut by a library, from {@link PatternSet#PREFIX_BYTES} bytes on, and Basic credentials
   * whose decoded text holds a form.
   */
  public static Set<String> formsOf(String value) {
    Set<String> forms = new LinkedHashSet<>(ValueForms.of(value));
    forms.remove("");
    return forms;
  }

  /** Every form of every value that redaction looks for. */
  public synchronized Set<String> forms() {
    Set<String> forms = new LinkedHashSet<>();
    for (String value : values) {
      forms.addAll(ValueForms.of(value));
    }
    forms.remove("");
    return forms;
  }
}
