package io.newmankeyvault.base;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A URL a user typed, split into its parts by hand, leniently and without throwing: {@code
 * java.net.URI} refuses much of what users paste, and its errors quote the whole text. Only {@link
 * #origin} is ever meant for a message; the user part, the query and the fragment may hold
 * credentials, and {@link #credentials} lists what to protect of them. Messages show {@link
 * #origin} or {@link #withoutCredentials}.
 *
 * @param scheme the scheme as written ({@code https})
 * @param userInfo what comes before {@code @} in the authority, or null
 * @param hostPort the host and port as written
 * @param path the path, as written ("" when none)
 * @param query what follows {@code ?}, or null
 * @param fragment what follows {@code #}, or null
 */
public record UrlText(
    String scheme, String userInfo, String hostPort, String path, String query, String fragment) {
  private static final Pattern URL =
      Pattern.compile("(?s)([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)([^?#]*)(?:\\?([^#]*))?(?:#(.*))?");

  /**
   * Parameter names that say "credential" once decoded, lower-cased and stripped of {@code -},
   * {@code _}, {@code .} and spaces ({@code apikey}, {@code api_key}, {@code X-Api-Key}, {@code
   * access_key}, {@code token}, {@code sig}, ...).
   */
  private static final Pattern CREDENTIAL_NAME =
      Pattern.compile(".*(key|token|secret|pass|pwd|auth|sig|cred|session|cookie|code).*");

  /** The parts of a text of the form {@code scheme://...}; empty for anything else. */
  public static Optional<UrlText> parse(String text) {
    Matcher url = URL.matcher(text.strip());
    if (!url.matches()) {
      return Optional.empty();
    }
    String authority = url.group(2);
    int at = authority.lastIndexOf('@');
    return Optional.of(
        new UrlText(
            url.group(1),
            at < 0 ? null : authority.substring(0, at),
            authority.substring(at + 1),
            url.group(3),
            url.group(4),
            url.group(5)));
  }

  /** {@code scheme://host[:port]}. */
  public String origin() {
    return scheme + "://" + hostPort;
  }

  /**
   * What a message may show of a text that may be a URL or a host: the text without a user part
   * ({@code user:password@}), a query or a fragment.
   */
  public static String withoutCredentials(String text) {
    Optional<UrlText> url = parse(text);
    if (url.isPresent()) {
      return url.get().origin() + url.get().path();
    }
    String rest = text.strip();
    int end = indexOfAny(rest, "?#");
    rest = end < 0 ? rest : rest.substring(0, end);
    int slash = rest.indexOf('/');
    int at = rest.lastIndexOf('@', slash < 0 ? rest.length() - 1 : slash);
    return at < 0 ? rest : rest.substring(at + 1);
  }

  /** One parameter of a query or a fragment ({@code name=value}, or a bare {@code name}). */
  public record Parameter(String rawName, String rawValue) {
    /** The name decoded, lower case, without {@code -}, {@code _}, {@code .} or spaces. */
    public String normalizedName() {
      return decode(rawName).toLowerCase(Locale.ROOT).replaceAll("[-_.\\s]", "");
    }

    /** The value percent-decoded ({@code +} kept), or null for a bare name. */
    public String value() {
      return rawValue == null ? null : decode(rawValue);
    }

    /** Whether the name says it holds a credential. */
    public boolean isCredential() {
      return CREDENTIAL_NAME.matcher(normalizedName()).matches();
    }
  }

  /** The parameters of the query, then of the fragment, split at {@code &} and {@code ;}. */
  public List<Parameter> parameters() {
    List<Parameter> parameters = new ArrayList<>();
    for (String part : new String[] {query, fragment}) {
      if (part == null) {
        continue;
      }
      for (String pair : part.split("[&;]")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        parameters.add(
            eq < 0
                ? new Parameter(pair, null)
                : new Parameter(pair.substring(0, eq), pair.substring(eq + 1)));
      }
    }
    return parameters;
  }

  /**
   * Every text of this URL that may be a credential, as written and decoded: the user part and each
   * of its two halves; the value of each parameter whose name says credential; each bare parameter
   * (a key pasted after {@code ?} without a name); a fragment that is no parameter list; a
   * credential parameter in the path (a query glued on with {@code &} or an encoded {@code ?}).
   */
  public Set<String> credentials() {
    Set<String> credentials = new LinkedHashSet<>();
    if (userInfo != null) {
      addForms(credentials, userInfo);
      int colon = userInfo.indexOf(':');
      if (colon >= 0) {
        addForms(credentials, userInfo.substring(0, colon));
        addForms(credentials, userInfo.substring(colon + 1));
      }
    }
    for (Parameter parameter : parameters()) {
      if (parameter.rawValue() == null) {
        addForms(credentials, parameter.rawName());
      } else if (parameter.isCredential()) {
        addForms(credentials, parameter.rawValue());
      }
    }
    if (fragment != null && !fragment.contains("=")) {
      addForms(credentials, fragment);
    }
    // A query glued on with the wrong separator (.../ID&apikey=..., .../ID%3Fapikey%3D...).
    for (String piece : decode(path).split("[/&;?#]")) {
      int eq = piece.indexOf('=');
      if (eq > 0 && new Parameter(piece.substring(0, eq), null).isCredential()) {
        addForms(credentials, piece.substring(eq + 1));
      }
    }
    credentials.remove("");
    return credentials;
  }

  /**
   * The credentials in a text that may be a URL, or a path or host with a query or a user part
   * pasted onto it ({@code api.getpostman.com/collections/ID?apikey=...}); see {@link
   * #credentials}.
   */
  public static Set<String> credentialsIn(String text) {
    Optional<UrlText> url = parse(text);
    if (url.isPresent()) {
      return url.get().credentials();
    }
    String rest = text.strip();
    Set<String> credentials = new LinkedHashSet<>();
    // Not a URL: only a password (user:password@host/...) and what the parameter names call
    // credentials, never an ordinary word of a path.
    int slash = rest.indexOf('/');
    int at = rest.lastIndexOf('@', slash < 0 ? rest.length() - 1 : slash);
    int colon = at < 0 ? -1 : rest.indexOf(':');
    if (colon >= 0 && colon < at) {
      addForms(credentials, rest.substring(colon + 1, at));
    }
    int start = indexOfAny(rest, "?#");
    if (start < 0) {
      credentials.remove("");
      return credentials;
    }
    int hash = rest.indexOf('#', start);
    UrlText tail =
        new UrlText(
            "",
            null,
            "",
            "",
            rest.charAt(start) == '?'
                ? rest.substring(start + 1, hash < 0 ? rest.length() : hash)
                : null,
            hash < 0 ? null : rest.substring(hash + 1));
    for (Parameter parameter : tail.parameters()) {
      if (parameter.rawValue() != null && parameter.isCredential()) {
        addForms(credentials, parameter.rawValue());
      }
    }
    credentials.remove("");
    return credentials;
  }

  private static void addForms(Set<String> into, String raw) {
    into.add(raw);
    into.add(decode(raw));
    into.add(decode(raw.replace('+', ' ')));
  }

  /** Percent-decoding as UTF-8; a {@code %} that starts no valid escape stays as it is. */
  public static String decode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    byte[] raw = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '%' && i + 2 < raw.length && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
        bytes.write(hex(raw[i + 1]) * 16 + hex(raw[i + 2]));
        i += 2;
      } else {
        bytes.write(raw[i]);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static int hex(byte b) {
    return Character.digit(b, 16);
  }

  private static int indexOfAny(String text, String characters) {
    for (int i = 0; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
