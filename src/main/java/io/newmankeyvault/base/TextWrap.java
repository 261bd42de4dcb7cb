package io.newmankeyvault.base;

/** Word wrapping at spaces, for the tool's own long lines (never inside a word). */
public final class TextWrap {
  private TextWrap() {}

  /**
   * {@code text} in lines of at most {@code width} characters, broken at spaces; the first line
   * starts with {@code first}, the others with {@code next}. A word longer than a line stays whole.
   */
  public static String wrap(String text, int width, String first, String next) {
    return wrap(text, width, width, first, next);
  }

  /**
   * Like {@link #wrap(String, int, String, String)}, the first line {@code firstWidth} wide (it
   * follows text printed before it).
   */
  public static String wrap(String text, int firstWidth, int width, String first, String next) {
    StringBuilder out = new StringBuilder();
    StringBuilder line = new StringBuilder(first);
    int room = firstWidth;
    boolean empty = true;
    for (String word : text.strip().split("\\s+")) {
      if (!empty && line.length() + 1 + word.length() > room) {
        out.append(line).append('\n');
        line = new StringBuilder(next);
        room = width;
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
