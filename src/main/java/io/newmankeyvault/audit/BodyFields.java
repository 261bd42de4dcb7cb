package io.newmankeyvault.audit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The named string fields of a body as written, whatever its syntax: JSON ({@code "key": "value"},
 * at any depth, with templates or comments around it that a JSON parser would refuse), XML and SOAP
 * ({@code <Password>value</Password>}, any namespace prefix), or urlencoded ({@code
 * a=1&password=x}). Read by pattern in one pass, so a saved response of megabytes costs no tree.
 * Stateless.
 */
final class BodyFields {
  /** One field: its key (the element's local name in XML) and its value, unescaped. */
  record Field(String name, String value) {
    @Override
    public String toString() {
      return "Field[" + name + "]"; // never the value
    }
  }

  private static final Pattern JSON_FIELD =
      Pattern.compile("\"((?:[^\"\\\\]++|\\\\.)*+)\"\\s*+:\\s*+\"((?:[^\"\\\\]++|\\\\.)*+)\"");

  private static final Pattern XML_ELEMENT =
      Pattern.compile(
          "<(?:[\\w.-]+:)?([A-Za-z_][\\w.-]*)(?:\\s[^<>]*)?>([^<>]*)</(?:[\\w.-]+:)?\\1>");

  private static final Pattern URLENCODED =
      Pattern.compile("[^\\s=&{}<>\"]++=[^\\s&]*+(?:&[^\\s=&]++=[^\\s&]*+)*+");

  private BodyFields() {}

  /**
   * The fields of a body whose names pass {@code named}: only those are kept, so that a saved
   * response of megabytes costs no list of all its fields.
   */
  static List<Field> of(String body, Predicate<String> named) {
    List<Field> fields = new ArrayList<>();
    String text = body.strip();
    boolean structured = false;
    if (text.contains("\":") || text.contains("\" :")) {
      Matcher json = JSON_FIELD.matcher(text);
      while (json.find()) {
        structured = true;
        String name = unescapeJson(json.group(1));
        if (named.test(name)) {
          fields.add(new Field(name, unescapeJson(json.group(2))));
        }
      }
    }
    if (text.contains("</")) {
      Matcher xml = XML_ELEMENT.matcher(text);
      while (xml.find()) {
        structured = true;
        if (named.test(xml.group(1))) {
          fields.add(new Field(xml.group(1), unescapeXml(xml.group(2).strip())));
        }
      }
    }
    if (!structured && text.indexOf('=') > 0 && URLENCODED.matcher(text).matches()) {
      for (String pair : text.split("&")) {
        int eq = pair.indexOf('=');
        String name = decode(pair.substring(0, eq));
        if (named.test(name)) {
          fields.add(new Field(name, decode(pair.substring(eq + 1))));
        }
      }
    }
    return fields;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text; // a stray '%': the text as written
    }
  }

  private static String unescapeJson(String text) {
    if (text.indexOf('\\') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\' || i + 1 == text.length()) {
        out.append(c);
        continue;
      }
      char next = text.charAt(++i);
      switch (next) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'u' -> {
          String hex = i + 4 < text.length() ? text.substring(i + 1, i + 5) : "";
          if (hex.matches("[0-9a-fA-F]{4}")) {
            out.append((char) Integer.parseInt(hex, 16));
            i += 4;
          } else {
            out.append(next);
          }
        }
        default -> out.append(next);
      }
    }
    return out.toString();
  }

  private static String unescapeXml(String text) {
    return text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
  }
}
