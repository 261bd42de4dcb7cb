package io.newmankeyvault.redact;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The forms a protected value takes in what Newman prints and writes, each derived from the code of
 * the library that makes it (Newman 6.2.2 and what it bundles; {@code LibraryFormsTest} checks each
 * against that library).
 */
final class ValueForms {
  private ValueForms() {}

  /**
   * Every form of one value, each a plain string that can appear literally in text: the value and
   * each line of it; as a JSON string; as Node's util.inspect and chai's loupe quote it;
   * URL-encoded as scripts and as Postman encode it; as an attribute and in CDATA in Newman's JUnit
   * report; each of those escaped up to twice more as HTML or JSON; base64 at each of its three
   * alignments; and what is left of it when chai, util.inspect or Newman's CLI cut it short of
   * {@link PatternSet#PREFIX_BYTES} bytes (longer cuts are found by the {@link PatternSet} itself).
   */
  static Set<String> of(String value) {
    Set<String> forms = new LinkedHashSet<>();
    List<String> variants = new ArrayList<>();
    variants.add(value);
    variants.addAll(ProtectedValues.lines(value));
    for (String variant : variants) {
      Set<String> quoted = quoted(variant);
      Set<String> layer = new LinkedHashSet<>(quoted);
      layer.addAll(urlEncoded(variant));
      forms.addAll(layer);
      // Newman's JUnit reporter writes test names and chai's messages as attributes and CDATA.
      for (String text : quoted) {
        forms.add(xmlAttribute(text));
        forms.add(cdata(text));
      }
      // Then those escaped twice more as HTML or JSON: a JSON string in a request body, echoed
      // inside a JSON response and shown in htmlextra's report, is escaped three times (JSON, JSON,
      // HTML); a URL-encoded value echoed in a response is JSON then HTML-escaped.
      for (int depth = 0; depth < 2; depth++) {
        Set<String> next = new LinkedHashSet<>();
        for (String text : layer) {
          next.add(htmlEscaped(text));
          next.add(jsonEscaped(text));
        }
        forms.addAll(next);
        layer = next;
      }
      forms.addAll(cuts(variant));
    }
    forms.addAll(base64Forms(value));
    forms.remove("");
    return forms;
  }

  /** The value as the JavaScript libraries quote a string, without the quotes. */
  private static Set<String> quoted(String value) {
    return new LinkedHashSet<>(
        List.of(
            value,
            jsonEscaped(value),
            nodeInspected(value, true),
            nodeInspected(value, false),
            loupeInspected(value)));
  }

  /** The value in a URL, as scripts and Postman encode it. */
  private static Set<String> urlEncoded(String value) {
    String urlPlus = URLEncoder.encode(value, StandardCharsets.UTF_8);
    return new LinkedHashSet<>(
        List.of(
            urlPlus,
            urlPlus.replace("+", "%20"),
            encodeUriComponent(value),
            value.replace(" ", "%20"),
            value.replace(" ", "+"),
            postmanEncoded(value, QUERY_VALUE),
            postmanEncoded(value, QUERY_STRING),
            postmanEncoded(value, QUERY_KEY),
            postmanEncoded(value.replace('\\', '/'), PATH),
            printedQueryValue(value),
            value.replace('\\', '/')));
  }

  // --- cuts -------------------------------------------------------------------------------------

  /**
   * What the libraries print after a string they cut: chai (loupe's {@code truncate}, at chai's
   * {@code truncateThreshold} of 40) an ellipsis; util.inspect (at {@code maxStringLength}, 10,000
   * characters) the closing quote and {@code ... N more characters}; Newman's CLI reporter (a body
   * over {@code BODY_CLIP_SIZE}, 2,048 characters, shown with {@code --verbose}) a line {@code
   * (showing 2KB/1MB)}, which the output pump joins to the box line before it.
   */
  private static final String CHAI_CUT = "\u2026";

  private static final String NEWMAN_CLIP = "(showing ";

  /**
   * The shortest part of a cut value that is masked. Shorter pieces are left: they would match
   * unrelated text, and each extra character a script could learn by printing guesses (see {@link
   * PatternSet#PREFIX_BYTES}).
   */
  static final int MIN_CUT = ProtectedValues.MIN_VALUE_LENGTH;

  /**
   * The value cut by a library short of {@link PatternSet#PREFIX_BYTES} bytes, followed by what
   * that library prints after a cut: the value may start anywhere before the cut ({@code 'Bearer '
   * + token}, or a long body), so every prefix from {@link #MIN_CUT} characters on, of each form
   * the library writes.
   */
  static List<String> cuts(String value) {
    List<String> cuts = new ArrayList<>();
    String loupe = loupeInspected(value);
    // chai's message, as the CLI prints it and as the reports escape it.
    for (String form :
        new LinkedHashSet<>(
            List.of(
                loupe,
                jsonEscaped(loupe),
                htmlEscaped(loupe),
                xmlAttribute(loupe),
                cdata(loupe)))) {
      addCuts(cuts, form, CHAI_CUT);
    }
    addCuts(cuts, nodeInspected(value, true), "'... ");
    for (String quote : List.of("\"", "`")) {
      addCuts(cuts, nodeInspected(value, false), quote + "... ");
    }
    for (String body : new LinkedHashSet<>(List.of(value, jsonEscaped(value)))) {
      addCuts(cuts, body, NEWMAN_CLIP);
    }
    return cuts;
  }

  private static void addCuts(List<String> cuts, String form, String after) {
    for (int length = MIN_CUT; length < form.length(); length++) {
      String prefix = form.substring(0, length);
      if (Character.isHighSurrogate(prefix.charAt(length - 1))) {
        continue; // the libraries cut UTF-16 code units, but that half is not valid UTF-8 either
      }
      if (prefix.getBytes(StandardCharsets.UTF_8).length >= PatternSet.PREFIX_BYTES) {
        break;
      }
      cuts.add(prefix + after);
    }
  }

  // --- base64 -----------------------------------------------------------------------------------

  /** Base64 forms shorter than this are not used: they would match unrelated text. */
  static final int MIN_BASE64 = 8;

  /**
   * The base64 text that encodes the value wherever it starts inside a longer byte string: for each
   * of the 3 alignments, the characters that depend on the value's bytes alone. (A short password
   * in {@code Basic} credentials leaves fewer: {@link PatternSet} decodes those.)
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

  // --- JavaScript strings -----------------------------------------------------------------------

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

  // --- XML and HTML -----------------------------------------------------------------------------

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

  // --- URLs -------------------------------------------------------------------------------------

  /**
   * postman-url-encoder 3.0.5's encode sets ({@code encoder/encode-set.js}, {@code
   * encoder/index.js}), as postman-runtime sends a URL. Each also encodes C0 controls, DEL and
   * every non-ASCII byte. A query value ({@code PARAM_VALUE_ENCODE_SET}) keeps {@code =}; a query
   * string parsed again ({@code QUERY_ENCODE_SET}: a value substituted into the URL text) keeps
   * {@code &} too; a key adds {@code =}; a path ({@code PATH_ENCODE_SET}) keeps the single quote,
   * {@code &} and {@code =} but encodes the backtick and braces.
   */
  private static final String QUERY_STRING = " \"#'<>";

  private static final String QUERY_VALUE = QUERY_STRING + "&";
  private static final String QUERY_KEY = QUERY_VALUE + "=";
  private static final String PATH = " \"<>`#?{}";

  /**
   * A value percent-encoded as postman-url-encoder does ({@code encoder/percent-encode.js}): bytes
   * of the set, controls, DEL and non-ASCII bytes as {@code %XX}; a {@code %} that starts {@code
   * %XX} is kept as it is (no double encoding), and so is a lone {@code %}. (A path has its
   * backslashes turned into slashes by postman-url-encoder's parser first.)
   */
  static String postmanEncoded(String value, String encodeSet) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length * 2);
    for (int i = 0; i < bytes.length; i++) {
      int c = bytes[i] & 0xff;
      if (c <= 0x1f || c >= 0x7f || encodeSet.indexOf(c) >= 0) {
        out.append('%').append(hex(c, 2, true));
      } else {
        out.append((char) c);
      }
    }
    return out.toString();
  }

  /**
   * A query value as Newman prints a URL ({@code Url.toString()}; postman-collection 4.4.0, {@code
   * QueryParam.unparseSingle}): only {@code &} and {@code #} are encoded, so that it parses again.
   */
  static String printedQueryValue(String value) {
    return value.replace("&", "%26").replace("#", "%23");
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
        out.append('%').append(hex(b & 0xff, 2, true));
      }
    }
    return out.toString();
  }

  private static String hex(int c, int digits, boolean upperCase) {
    String hex = Integer.toHexString(c);
    hex = "0".repeat(Math.max(0, digits - hex.length())) + hex;
    return upperCase ? hex.toUpperCase(java.util.Locale.ROOT) : hex;
  }
}
