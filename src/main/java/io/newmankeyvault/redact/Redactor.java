package io.newmankeyvault.redact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces every form of every protected value in text with {@code ***}. Longer forms win where
 * forms overlap. Thread-safe; picks up values added to the {@link ProtectedValues} after it was
 * made.
 */
public final class Redactor {
  public static final String MASK = "***";

  private final ProtectedValues values;
  private volatile Compiled compiled = new Compiled(-1, null);

  public Redactor(ProtectedValues values) {
    this.values = values;
  }

  /** The text with every protected form replaced. */
  public String redact(String text) {
    Pattern pattern = pattern();
    if (pattern == null || text.isEmpty()) {
      return text;
    }
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? matcher.replaceAll(Matcher.quoteReplacement(MASK)) : text;
  }

  /** Whether the text holds any protected form. */
  public boolean containsProtected(String text) {
    Pattern pattern = pattern();
    return pattern != null && pattern.matcher(text).find();
  }

  private Pattern pattern() {
    long generation = values.generation();
    Compiled current = compiled;
    if (current.generation != generation) {
      List<String> forms = new ArrayList<>(values.forms());
      forms.sort(Comparator.comparingInt(String::length).reversed());
      Pattern pattern = null;
      if (!forms.isEmpty()) {
        StringBuilder regex = new StringBuilder();
        for (String form : forms) {
          if (regex.length() > 0) {
            regex.append('|');
          }
          regex.append(Pattern.quote(form));
        }
        pattern = Pattern.compile(regex.toString());
      }
      current = new Compiled(generation, pattern);
      compiled = current;
    }
    return current.pattern;
  }

  private record Compiled(long generation, Pattern pattern) {}
}
