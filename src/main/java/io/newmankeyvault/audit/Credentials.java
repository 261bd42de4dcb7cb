package io.newmankeyvault.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a value holds something in clear or only references it ({@code {{name}}} and the four
 * reference forms), and which parts of a header value are credentials. Stateless.
 */
final class Credentials {
  /** The scheme word of an Authorization value, before the credential. */
  private static final Pattern SCHEME =
      Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9._-]*)\\s+(\\S.*)$", Pattern.DOTALL);

  private static final Pattern PLAIN = Pattern.compile("-?[0-9]+(\\.[0-9]+)?|true|false|null|none");

  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{[^{}]*}}");

  private static final Pattern OAUTH_PARAMETER =
      Pattern.compile("\\b(oauth_token|oauth_consumer_key)\\s*=\\s*\"?([^\",]*)\"?");

  private Credentials() {}

  /** Whether a value is one of the reference forms as a whole ({@code akv://}, ...). */
  static boolean isReference(String value) {
    String text = value.strip();
    String lower = text.toLowerCase(Locale.ROOT);
    return lower.startsWith("akv://")
        || lower.startsWith("@microsoft.keyvault(")
        || (text.startsWith("{{")
            && text.endsWith("}}")
            && text.indexOf("}}") == text.length() - 2);
  }

  /**
   * Whether a credential is written in clear: something with a letter or digit is left once every
   * {@code {{...}}} is taken out, and the value is not a reference as a whole.
   */
  static boolean isLiteral(String credential) {
    if (credential == null || credential.isBlank() || isReference(credential)) {
      return false;
    }
    String rest = TEMPLATE.matcher(credential).replaceAll("");
    return rest.chars().anyMatch(Character::isLetterOrDigit);
  }

  /**
   * The parts of a header value that are credentials: each cookie value of a Cookie header; the
   * password of {@code Basic} credentials (the whole value when it does not decode); the access
   * token and consumer key of an OAuth 1.0 header; nothing of a Digest, Hawk or AWS Signature
   * header (one-time proofs, not the secret); the text after the scheme of {@code Bearer x} and the
   * like; else the whole value.
   */
  static List<String> headerCredentials(String name, String value) {
    String lower = name.strip().toLowerCase(Locale.ROOT);
    if (lower.equals("cookie")) {
      List<String> values = new ArrayList<>();
      for (String pair : value.split(";")) {
        int eq = pair.indexOf('=');
        if (eq < 0 || !pair.substring(0, eq).toLowerCase(Locale.ROOT).matches(".*(csrf|xsrf).*")) {
          values.add(eq < 0 ? pair.strip() : pair.substring(eq + 1).strip());
        }
      }
      return values;
    }
    Matcher scheme = SCHEME.matcher(value);
    if (!scheme.matches()) {
      return List.of(value.strip());
    }
    String credential = scheme.group(2).strip();
    return switch (scheme.group(1).toLowerCase(Locale.ROOT)) {
      case "basic" -> List.of(basicPassword(credential));
      case "digest", "hawk", "aws4-hmac-sha256" -> List.of(); // signed: one-time proofs
      case "oauth" -> oauthCredentials(credential);
      default -> List.of(credential);
    };
  }

  /** The password of {@code user:password} in base64, or the credential as written. */
  private static String basicPassword(String credential) {
    String password = Judgement.basicPassword(credential);
    return password == null ? credential : password;
  }

  /** The values of {@code oauth_token} and {@code oauth_consumer_key}: signatures are one-time. */
  private static List<String> oauthCredentials(String parameters) {
    List<String> values = new ArrayList<>();
    Matcher parameter = OAUTH_PARAMETER.matcher(parameters);
    while (parameter.find()) {
      values.add(parameter.group(2));
    }
    return values;
  }

  /**
   * Whether a literal is a plain setting rather than a credential: a number, a boolean, or an
   * http(s) URL (the value of {@code auth_url}-like names that slipped past the name check).
   */
  static boolean isPlainSetting(String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    return PLAIN.matcher(text).matches()
        || text.startsWith("http://")
        || text.startsWith("https://");
  }
}
