package io.newmankeyvault.audit;

import java.util.HashMap;
import java.util.Map;

/** Shannon entropy of a text, in bits per character: random keys score high, words low. */
final class Entropy {
  /** Shorter values are not judged: too few characters to tell random from not. */
  static final int MIN_LENGTH = 20;

  private Entropy() {}

  static double bitsPerChar(String text) {
    Map<Integer, Integer> counts = new HashMap<>();
    text.codePoints().forEach(c -> counts.merge(c, 1, Integer::sum));
    int length = text.codePointCount(0, text.length());
    double bits = 0;
    for (int count : counts.values()) {
      double p = (double) count / length;
      bits -= p * (Math.log(p) / Math.log(2));
    }
    return bits;
  }

  /**
   * Whether a variable value looks like a random key: long enough, no spaces (sentences), not a
   * URL, and over the threshold.
   */
  static boolean looksRandom(String value, double threshold) {
    String text = value.strip();
    return text.length() >= MIN_LENGTH
        && text.chars().noneMatch(Character::isWhitespace)
        && !text.contains("://")
        && bitsPerChar(text) > threshold;
  }
}
