package io.newmankeyvault.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What names a credential (variables, headers, parameters) and whether a value holds one in clear
 * or only references it ({@code {{name}}} and the four reference forms). Stateless.
 */
final class Credentials {
  /** Words that make a variable name a credential's name, after normalisation. */
  private static final Set<String> CREDENTIAL_WORDS =
      Set.of(
          "password",
          "passwd",
          "pwd",
          "passphrase",
          "token",
          "secret",
          "apikey",
          "auth",
          "authorization",
          "credential",
          "credentials",
          "privatekey",
          "accesskey",
          "secretkey",
          "clientsecret",
          "sig",
          "signature",
          "cookie",
          "sas",
          "bearer");

  /**
   * A word after the credential word that makes the name a setting about the credential rather than
   * the credential itself: {@code token_url}, {@code auth_type}, {@code password_policy}.
   */
  private static final Set<String> SETTING_SUFFIXES =
      Set.of(
          "url",
          "uri",
          "endpoint",
          "host",
          "path",
          "name",
          "id",
          "type",
          "header",
          "prefix",
          "expiry",
          "expires",
          "expiration",
          "ttl",
          "timeout",
          "lifetime",
          "length",
          "policy",
          "mode",
          "method",
          "scheme",
          "version",
          "format",
          "field",
          "param",
          "location",
          "enabled",
          "required",
          "hint",
          "user",
          "username",
          "email",
          "scope",
          "scopes",
          "server",
          "domain",
          "realm",
          "audience",
          "provider",
          "issuer",
          "tenant",
          "count");

  /** Query and form parameter names that carry credentials (normalised: lowercase, '-'→'_'). */
  private static final Set<String> PARAMETERS =
      Set.of(
          "api_key",
          "apikey",
          "access_token",
          "id_token",
          "refresh_token",
          "token",
          "key",
          "sig",
          "signature",
          "password",
          "passwd",
          "pwd",
          "client_secret",
          "code",
          "secret",
          "auth",
          "x_api_key",
          "subscription_key",
          "private_key",
          "access_key",
          "secret_key");

  /** The scheme word of an Authorization value, before the credential. */
  private static final Pattern SCHEME =
      Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9._-]*)\\s+(\\S.*)$", Pattern.DOTALL);

  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{[^{}]*}}");

  private Credentials() {}

  /**
   * The lowercase words of a name: {@code clientSecret}, {@code client-secret} and {@code
   * CLIENT_SECRET} all read {@code [client, secret]}, and the joined pairs {@code api key}, {@code
   * private key}, ... read as one word.
   */
  static List<String> words(String name) {
    String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    List<String> words = new ArrayList<>();
    for (String word : spaced.split("[^a-z0-9]+")) {
      if (word.isEmpty()) {
        continue;
      }
      int last = words.size() - 1;
      if (last >= 0
          && word.equals("key")
          && Set.of("api", "private", "access", "secret", "subscription")
              .contains(words.get(last))) {
        words.set(last, words.get(last) + "key");
      } else if (last >= 0 && word.equals("secret") && words.get(last).equals("client")) {
        words.set(last, "clientsecret");
      } else {
        words.add(word);
      }
    }
    return words;
  }

  /** Whether a variable's name says it holds a credential ({@code db_password}, {@code apiKey}). */
  static boolean isCredentialName(String name) {
    List<String> words = words(name);
    for (int i = words.size() - 1; i >= 0; i--) {
      if (CREDENTIAL_WORDS.contains(words.get(i))) {
        return i == words.size() - 1 || !SETTING_SUFFIXES.contains(words.get(i + 1));
      }
    }
    return false;
  }

  /** Whether a header's name says it carries a credential. */
  static boolean isCredentialHeader(String name) {
    String lower = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    return lower.equals("cookie")
        || lower.contains("auth")
        || lower.contains("token")
        || lower.contains("secret")
        || lower.contains("api-key")
        || lower.contains("apikey")
        || lower.contains("password")
        || lower.endsWith("subscription-key")
        || lower.endsWith("functions-key")
        || lower.endsWith("access-key");
  }

  /** Whether a query or form parameter's name says it carries a credential. */
  static boolean isCredentialParameter(String name) {
    return PARAMETERS.contains(name.strip().toLowerCase(Locale.ROOT).replace('-', '_'));
  }

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
   * text after the scheme of {@code Bearer x}, {@code Basic x}, ...; else the whole value.
   */
  static List<String> headerCredentials(String name, String value) {
    String lower = name.strip().toLowerCase(Locale.ROOT);
    if (lower.equals("cookie")) {
      List<String> values = new ArrayList<>();
      for (String pair : value.split(";")) {
        int eq = pair.indexOf('=');
        values.add(eq < 0 ? pair.strip() : pair.substring(eq + 1).strip());
      }
      return values;
    }
    Matcher scheme = SCHEME.matcher(value);
    if (scheme.matches()) {
      return List.of(scheme.group(2).strip());
    }
    return List.of(value.strip());
  }

  /**
   * Whether a literal is a plain setting rather than a credential: a number, a boolean, or an
   * http(s) URL (the value of {@code auth_url}-like names that slipped past the name check).
   */
  static boolean isPlainSetting(String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    return text.matches("-?[0-9]+(\\.[0-9]+)?|true|false|null|none")
        || text.startsWith("http://")
        || text.startsWith("https://");
  }
}
