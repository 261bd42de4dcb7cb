package io.newmankeyvault.redact;

import java.nio.charset.StandardCharsets;

/** How scripts and Postman percent-encode a value in a URL. Stateless. */
final class UrlEncodings {
  private UrlEncodings() {}

  /**
   * postman-url-encoder 3.0.5's encode sets ({@code encoder/encode-set.js}, {@code
   * encoder/index.js}), as postman-runtime sends a URL. Each also encodes C0 controls, DEL and
   * every non-ASCII byte. A query value ({@code PARAM_VALUE_ENCODE_SET}) keeps {@code =}; a query
   * string parsed again ({@code QUERY_ENCODE_SET}: a value substituted into the URL text) keeps
   * {@code &} too; a key adds {@code =}; a path ({@code PATH_ENCODE_SET}) keeps the single quote,
   * {@code &} and {@code =} but encodes the backtick and braces.
   */
  static final String QUERY_STRING = " \"#'<>";

  static final String QUERY_VALUE = QUERY_STRING + "&";
  static final String QUERY_KEY = QUERY_VALUE + "=";
  static final String PATH = " \"<>`#?{}";

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
        out.append('%').append(TextEscapes.hex(c, 2, true));
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
        out.append('%').append(TextEscapes.hex(b & 0xff, 2, true));
      }
    }
    return out.toString();
  }
}
