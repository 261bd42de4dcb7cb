package io.newmankeyvault.redact;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Basic credentials in text, {@code Basic base64(user:password)} as postman-runtime's basic
 * authorizer writes them: the base64 text is decoded and masked whole when it holds a pattern.
 * Decoded, because the user is not known: the base64 characters that depend on a short password
 * alone are too few to be a pattern (six to eight for five characters, fewer than {@link
 * ValueForms#MIN_BASE64}, which unrelated text would match). Stateless.
 */
final class BasicCredentials {
  /** What comes before the base64 text. */
  static final String INTRODUCTION = "Basic ";

  private BasicCredentials() {}

  /**
   * Masks the base64 text that starts at {@code start} in {@code data[.., to)} when what it decodes
   * to holds a pattern of {@code patterns} ({@code marks} is indexed from {@code from}).
   */
  static void mark(PatternSet patterns, byte[] data, int start, int to, int from, Marks marks) {
    int end = start;
    while (end < to && isBase64Byte(data[end])) {
      end++;
    }
    int usable = end - start;
    if (usable % 4 == 1) {
      usable--; // a lone last character encodes no whole byte
    }
    if (usable < 2) {
      return;
    }
    byte[] decoded;
    try {
      decoded =
          Base64.getDecoder()
              .decode(
                  new String(data, start, usable, StandardCharsets.ISO_8859_1)
                      + "==".substring(0, (4 - usable % 4) % 4));
    } catch (IllegalArgumentException notBase64) {
      return;
    }
    if (patterns.occursIn(decoded, 0, decoded.length)) {
      while (end < to && data[end] == '=') {
        end++;
      }
      marks.cover(start - from, end - from);
    }
  }

  private static boolean isBase64Byte(byte b) {
    return (b >= 'A' && b <= 'Z')
        || (b >= 'a' && b <= 'z')
        || (b >= '0' && b <= '9')
        || b == '+'
        || b == '/';
  }
}
