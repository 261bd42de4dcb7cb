package io.newmankeyvault.redact;

/**
 * How the libraries Newman bundles write a string into text: JavaScript's (JSON.stringify, Node's
 * util.inspect, chai's loupe), XML's (xmlbuilder, for the JUnit report) and HTML's (handlebars, for
 * htmlextra's). Stateless.
 */
final class TextEscapes {
  private TextEscapes() {}

  /**
   * The value as Node's util.inspect writes a string (Node 20, lib/internal/util/inspect.js,
   * strEscape), which Newman's CLI reporter applies to every console.log argument: a backslash
   * doubled; {@code \b \t \n \f \r}; other C0 and C1 controls and DEL as {@code \xHH} (upper-case);
   * an unpaired surrogate as {@code \}{@code uXXXX} (lower-case). A single quote is escaped only
   * when the string is single-quoted: util.inspect picks double quotes or backticks when the string
   * holds a single quote and not them, so both forms occur.
   */
  static String nodeInspected(String value, boolean singleQuoted) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\'' -> out.append(singleQuoted ? "\\'" : "'");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            out.append("\\x").append(hex(c, 2, true));
          } else if (unpairedSurrogate(value, i)) {
            out.append("\\u").append(hex(c, 4, false));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * The value as chai's assertion messages quote a string: loupe (bundled with chai 4.3.8 in
   * postman-sandbox 4.7.1), {@code inspectString}. A backslash is kept as it is; a single quote is
   * escaped; {@code \b \t \n \f \r}; and C0 and C1 controls, DEL, the soft hyphen and the other
   * invisible or format characters of loupe's list as {@code \}{@code uxxxx} (lower-case).
   */
  static String loupeInspected(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\'' -> out.append("\\'");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> {
          if (loupeEscapes(c)) {
            out.append("\\u").append(hex(c, 4, false));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** loupe's {@code stringEscapeChars}, less the quote and the short escapes handled above. */
  private static boolean loupeEscapes(char c) {
    return c <= 0x1f
        || (c >= 0x7f && c <= 0x9f)
        || c == 0xad
        || (c >= 0x600 && c <= 0x604)
        || c == 0x70f
        || c == 0x17b4
        || c == 0x17b5
        || (c >= 0x200c && c <= 0x200f)
        || (c >= 0x2028 && c <= 0x202f)
        || (c >= 0x2060 && c <= 0x206f)
        || c == 0xfeff
        || c >= 0xfff0;
  }

  /** The value inside a JSON string, as JSON.stringify writes it. */
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
          if (c < 0x20 || unpairedSurrogate(value, i)) {
            out.append("\\u").append(hex(c, 4, false));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * The value inside a JSON string in a script of an HTML page, as the Postman CLI's html reporter
   * embeds its run data: JSON.stringify's escapes, and {@code < > & '} as {@code \}{@code u003c},
   * {@code \}{@code u003e}, {@code \}{@code u0026}, {@code \}{@code u0027}.
   */
  static String htmlSafeJsonEscaped(String value) {
    return jsonEscaped(value)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("'", "\\u0027");
  }

  private static boolean unpairedSurrogate(String value, int i) {
    char c = value.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(value.charAt(i - 1));
    }
    return false;
  }

  /** The value as an XML attribute: xmlbuilder 15.1.1, {@code XMLStringifier.attEscape}. */
  static String xmlAttribute(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '"' -> out.append("&quot;");
        case '\t' -> out.append("&#x9;");
        case '\n' -> out.append("&#xA;");
        case '\r' -> out.append("&#xD;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The value in CDATA: xmlbuilder 15.1.1, {@code XMLStringifier.cdata}, splits the first {@code
   * ]]>} (a string replace, not a global one) into two sections.
   */
  static String cdata(String value) {
    return value.replaceFirst("]]>", "]]]]><![CDATA[>");
  }

  /**
   * The value as HTML text: handlebars 4.7.7's {@code escapeExpression}, which htmlextra's
   * templates apply to every {@code {{value}}}.
   */
  static String htmlEscaped(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#x27;");
        case '`' -> out.append("&#x60;");
        case '=' -> out.append("&#x3D;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** {@code c} in hexadecimal, zero-padded to {@code digits}. */
  static String hex(int c, int digits, boolean upperCase) {
    String hex = Integer.toHexString(c);
    hex = "0".repeat(Math.max(0, digits - hex.length())) + hex;
    return upperCase ? hex.toUpperCase(java.util.Locale.ROOT) : hex;
  }
}
