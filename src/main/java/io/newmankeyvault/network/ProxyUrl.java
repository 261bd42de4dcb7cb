package io.newmankeyvault.network;

import io.newmankeyvault.base.UserFacingException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One proxy that a variable names: where it is and its credentials (null without).
 *
 * @param variable the variable that names it, as spelled ({@code HTTPS_PROXY}, {@code http_proxy})
 * @param host the proxy's host
 * @param port its port (80 when the URL has none, as in Newman)
 * @param user the user, percent-decoded, or null
 * @param password the password, percent-decoded, or null
 * @param rawPassword the password as written in the URL, or null
 */
record ProxyUrl(
    String variable, String host, int port, String user, String password, String rawPassword) {
  private static final Pattern URL =
      Pattern.compile(
          "(?:(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://)?(?:(?<userinfo>[^@/]*)@)?"
              + "(?<host>\\[[0-9A-Fa-f:.]+\\]|[^:/\\[\\]]+)(?::(?<port>[0-9]{1,5}))?/?");

  /** {@code http://HOST:PORT (VARIABLE)}: never the credentials. */
  String display() {
    return "http://" + host + ":" + port + " (" + variable + ")";
  }

  /** The Basic {@code Proxy-Authorization} value, or null without credentials. */
  String basic() {
    return user == null
        ? null
        : "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** The values to protect: the password as written and decoded, and the Basic credentials. */
  List<String> credentials() {
    return user == null
        ? List.of()
        : List.of(rawPassword, password, basic().substring("Basic ".length()));
  }

  /**
   * The proxy of the first of {@code names} that is set, or null; exit 2 naming the variable (never
   * its value) when it is not an http proxy URL.
   */
  static ProxyUrl first(Map<String, String> environment, String... names) {
    String variable = firstSet(environment, names);
    return variable == null ? null : parse(variable, environment.get(variable).strip());
  }

  /** The first of {@code names} that is set and not blank, or null. */
  static String firstSet(Map<String, String> environment, String... names) {
    for (String name : names) {
      String value = environment.get(name);
      if (value != null && !value.isBlank()) {
        return name;
      }
    }
    return null;
  }

  private static ProxyUrl parse(String variable, String value) {
    Matcher url = URL.matcher(value);
    if (!url.matches()) {
      throw UserFacingException.usage(
          variable + " is not a proxy URL: expected http://[USER:PASSWORD@]HOST[:PORT]");
    }
    String scheme = url.group("scheme") == null ? "http" : url.group("scheme");
    if (!scheme.equalsIgnoreCase("http")) {
      throw UserFacingException.usage(
          variable
              + " names a "
              + scheme.toLowerCase(Locale.ROOT)
              + ":// proxy: the tool reaches proxies over plain http only (http://HOST:PORT;"
              + " connections to https hosts stay TLS inside the tunnel)");
    }
    String user = null;
    String password = null;
    String rawPassword = null;
    String userInfo = url.group("userinfo");
    if (userInfo != null && !userInfo.isEmpty()) {
      String[] pair = userInfo.split(":", 2);
      rawPassword = pair.length == 2 ? pair[1] : "";
      user = percentDecoded(pair[0], variable);
      password = percentDecoded(rawPassword, variable);
    }
    int port = url.group("port") == null ? 80 : Integer.parseInt(url.group("port"));
    if (port < 1 || port > 65535) {
      throw UserFacingException.usage(variable + " names a port outside 1-65535");
    }
    return new ProxyUrl(variable, url.group("host"), port, user, password, rawPassword);
  }

  /** RFC 3986 percent-decoding ({@code +} stays {@code +}); exit 2 on a broken escape. */
  private static String percentDecoded(String text, String variable) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length()
            || Character.digit(text.charAt(i + 1), 16) < 0
            || Character.digit(text.charAt(i + 2), 16) < 0) {
          throw UserFacingException.usage(
              variable + " has a broken %-escape in its credentials: encode % as %25");
        }
        bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
