package io.newmankeyvault.base;

/** Word wrapping at spaces, for the tool's own long lines (never inside a word). */
public final class TextWrap {
  private TextWrap() {}

  /**
   * {@code text} in lines of at most {@code width} characters, broken at spaces; the first line
   * starts with {@code first}, the others with {@code next}. A word longer than a line stays whole.
   */
  public static String wrap(String text, int width, String first, String next) {
    StringBuilder out = new StringBuilder();
    StringBuilder line = new StringBuilder(first);
    boolean empty = true;
    for (String word : text.strip().split("\\s+")) {
      if (!empty && line.length() + 1 + word.length() > width) {
        out.append(line).append('\n');
        line = new StringBuilder(next);
        empty = true;
      }
      if (!empty) {
        line.append(' ');
      }
      line.append(word);
      empty = false;
    }
    return out.append(line).toString();
  }
}
