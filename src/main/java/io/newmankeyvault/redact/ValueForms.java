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
   * report; each of those escaped up to twice more as HTML or JSON, or once or twice as JSON the
   * last time HTML-safe (the Postman CLI's html report); base64 at each of its three alignments;
   * and what is left of it when chai, util.inspect or Newman's CLI cut it short of {@link
   * PatternSet#PREFIX_BYTES} bytes (longer cuts are found by the {@link PatternSet} itself).
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
        forms.add(TextEscapes.xmlAttribute(text));
        forms.add(TextEscapes.cdata(text));
      }
      // Then those escaped twice more as HTML or JSON: a JSON string in a request body, echoed
      // inside a JSON response and shown in htmlextra's report, is escaped three times (JSON, JSON,
      // HTML); a URL-encoded value echoed in a response is JSON then HTML-escaped.
      // The Postman CLI's html reporter embeds its run data as HTML-safe JSON: a test's message
      // once, an echoed body (JSON holding the value) twice.
      for (int depth = 0; depth < 2; depth++) {
        Set<String> next = new LinkedHashSet<>();
        for (String text : layer) {
          next.add(TextEscapes.htmlEscaped(text));
          String json = TextEscapes.jsonEscaped(text);
          next.add(json);
          forms.add(TextEscapes.htmlSafeJsonEscaped(text));
          // A script's console.log of JSON.stringify(...), as util.inspect quotes that string.
          forms.add(TextEscapes.nodeInspected(json, true));
          forms.add(TextEscapes.nodeInspected(json, false));
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
            TextEscapes.jsonEscaped(value),
            TextEscapes.nodeInspected(value, true),
            TextEscapes.nodeInspected(value, false),
            TextEscapes.loupeInspected(value)));
  }

  /** The value in a URL, as scripts and Postman encode it. */
  private static Set<String> urlEncoded(String value) {
    String urlPlus = URLEncoder.encode(value, StandardCharsets.UTF_8);
    return new LinkedHashSet<>(
        List.of(
            urlPlus,
            urlPlus.replace("+", "%20"),
            UrlEncodings.encodeUriComponent(value),
            value.replace(" ", "%20"),
            value.replace(" ", "+"),
            UrlEncodings.postmanEncoded(value, UrlEncodings.QUERY_VALUE),
            UrlEncodings.postmanEncoded(value, UrlEncodings.QUERY_STRING),
            UrlEncodings.postmanEncoded(value, UrlEncodings.QUERY_KEY),
            UrlEncodings.postmanEncoded(value.replace('\\', '/'), UrlEncodings.PATH),
            UrlEncodings.printedQueryValue(value),
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
    String loupe = TextEscapes.loupeInspected(value);
    // chai's message, as the CLI prints it and as the reports escape it.
    for (String form :
        new LinkedHashSet<>(
            List.of(
                loupe,
                TextEscapes.jsonEscaped(loupe),
                TextEscapes.htmlEscaped(loupe),
                TextEscapes.xmlAttribute(loupe),
                TextEscapes.cdata(loupe)))) {
      addCuts(cuts, form, CHAI_CUT);
    }
    addCuts(cuts, TextEscapes.nodeInspected(value, true), "'... ");
    for (String quote : List.of("\"", "`")) {
      addCuts(cuts, TextEscapes.nodeInspected(value, false), quote + "... ");
    }
    for (String body : new LinkedHashSet<>(List.of(value, TextEscapes.jsonEscaped(value)))) {
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
}
