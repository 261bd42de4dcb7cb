package io.newmankeyvault.redact;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The encodings a protected value is looked for in: how Newman, Node, chai and HTML show it. */
final class ValueForms {
  private ValueForms() {}

  /**
   * The forms one value takes in what Newman prints and writes: itself and each line of it; as a
   * JSON string, a JavaScript string printed by {@code console.log} (backslashes and quotes
   * escaped), HTML text, and each of those escaped up to twice more as HTML or JSON; URL-encoded
   * ({@code +} or {@code %20} for spaces, JavaScript's {@code encodeURIComponent}, and Newman's own
   * lighter query encoding); base64 at each of the three alignments it can have inside a longer
   * encoded text (e.g. {@code user:password} in a Basic header); and what chai leaves of it when it
   * shortens a long string in an assertion message (see {@link #chaiCuts}).
   */
  static Set<String> of(String value) {
    Set<String> forms = new LinkedHashSet<>();
    List<String> variants = new ArrayList<>();
    variants.add(value);
    variants.addAll(ProtectedValues.lines(value));
    for (String variant : variants) {
      // Escapings as a string, then those twice more as HTML or JSON text: a JSON string in a
      // request body, echoed inside a JSON response and shown in htmlextra's report, is escaped
      // three times (JSON, JSON, HTML).
      Set<String> layer =
          new LinkedHashSet<>(
              List.of(
                  variant,
                  jsonEscaped(variant),
                  jsInspected(variant),
                  // util.inspect switches to double quotes when the string has a single quote.
                  jsInspected(variant).replace("\\'", "'")));
      forms.addAll(layer);
      for (int depth = 0; depth < 2; depth++) {
        Set<String> next = new LinkedHashSet<>();
        for (String text : layer) {
          next.add(htmlEscaped(text));
          next.add(jsonEscaped(text));
        }
        forms.addAll(next);
        layer = next;
      }
      String urlPlus = URLEncoder.encode(variant, StandardCharsets.UTF_8);
      forms.add(urlPlus);
      forms.add(urlPlus.replace("+", "%20"));
      forms.add(encodeUriComponent(variant));
      forms.add(encodeLikePostman(variant));
      forms.add(variant.replace(" ", "%20"));
      forms.add(variant.replace(" ", "+"));
    }
    forms.addAll(base64Forms(value));
    forms.addAll(chaiCuts(value));
    forms.addAll(chaiCuts(jsInspected(value)));
    return forms;
  }

  /** chai's default truncateThreshold is 40: a quoted string keeps 37 characters and a '…'. */
  static final int CHAI_PREFIX = 37;

  /**
   * What is left of a value in a string chai shortened: the value may start anywhere in the 37
   * characters kept ({@code 'Bearer ' + token}, say), so any prefix of it up to 37 characters, cut
   * by the '…'; from {@link ProtectedValues#MIN_VALUE_LENGTH} characters on.
   */
  static List<String> chaiCuts(String value) {
    List<String> cuts = new ArrayList<>();
    for (int length = Math.min(CHAI_PREFIX, value.length() - 1);
        length >= ProtectedValues.MIN_VALUE_LENGTH;
        length--) {
      cuts.add(value.substring(0, length) + "\u2026");
    }
    return cuts;
  }

  /** Base64 forms shorter than this are not used: they would match unrelated text. */
  static final int MIN_BASE64 = 8;

  /**
   * The base64 text that encodes the value wherever it starts inside a longer byte string: for each
   * of the 3 alignments, the characters that depend on the value's bytes alone.
   */
  static List<String> base64Forms(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    List<String> forms = new ArrayList<>();
    for (int offset = 0; offset < 3; offset++) {
      byte[] padded = new byte[offset + bytes.length];
      System.arraycopy(bytes, 0, padded, offset, bytes.length);
      String encoded = Base64.getEncoder().withoutPadding().encodeToString(padded);
      int skip = new int[] {0, 2, 3}[offset];
      int end = padded.length % 3 == 0 ? encoded.length() : encoded.length() - 1;
      if (end - skip >= MIN_BASE64) {
        forms.add(encoded.substring(skip, end));
      }
    }
    if (bytes.length > 0) {
      forms.add(Base64.getEncoder().encodeToString(bytes)); // the whole value, with padding
    }
    return forms;
  }

  /** The value as Node's util.inspect prints a string inside single quotes. */
  static String jsInspected(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\'' -> out.append("\\'");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** The value as HTML text (Handlebars' escaping, which htmlextra uses). */
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

  /**
   * How Newman (postman-url-encoder) writes a query value: only controls, spaces, non-ASCII and
   * {@code " # & ' < = >} are percent-encoded; {@code /}, {@code :} and the rest stay.
   */
  static String encodeLikePostman(String value) {
    StringBuilder out = new StringBuilder(value.length() * 2);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c <= 0x20 || c >= 0x7f || "\"#&'<=>".indexOf(c) >= 0) {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      } else {
        out.append((char) c);
      }
    }
    return out.toString();
  }

  /** JavaScript's encodeURIComponent: keeps A-Z a-z 0-9 - _ . ! ~ * ' ( ). */
  static String encodeUriComponent(String value) {
    StringBuilder out = new StringBuilder(value.length() * 2);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || "-_.!~*'()".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return out.toString();
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
