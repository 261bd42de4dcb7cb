package io.newmankeyvault.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What names a credential: variables, headers, query parameters, and the fields of bodies and
 * forms. A name is read as words ({@code clientSecret}, {@code client-secret} and {@code
 * CLIENT_SECRET} alike), and the word that names the credential decides, unless a word after it
 * makes the name a setting ({@code token_url}) or one before it a token that guards nothing ({@code
 * csrf_token}). Stateless.
 */
final class CredentialNames {
  /** Words that name a credential wherever they appear: variables, body fields, form fields. */
  private static final Set<String> STRONG =
      words(
          "password passwd pwd passphrase token secret apikey credential credentials privatekey"
              + " privkey accesskey secretkey clientsecret consumerkey");

  /**
   * Words that name a credential in a variable or a header, but too often something else in a body
   * ({@code "signature": "Mary Collins"}, {@code "auth": "none"}).
   */
  private static final Set<String> WEAK =
      words("auth authorization sig signature cookie sas bearer");

  /** Run-together names end with one of these ({@code clientpassword}, {@code apitoken}). */
  private static final List<String> RUN_TOGETHER =
      List.of("password", "passwd", "secret", "token", "apikey", "privatekey", "accesskey");

  /**
   * A word after the credential word that makes the name a setting about the credential rather than
   * the credential itself: {@code token_url}, {@code auth_type}, {@code password_policy}.
   */
  private static final Set<String> SETTING_SUFFIXES =
      words(
          "url uri endpoint host path name id identifier type header prefix expiry expires"
              + " expiration ttl timeout lifetime length policy mode method scheme version format"
              + " field param location enabled required hint user username email scope scopes"
              + " server domain realm audience provider issuer tenant count authentication status"
              + " link service hash salt var variable");

  /**
   * A word before {@code token} that makes it something other than a credential: anti-forgery
   * tokens, pagination cursors, idempotency keys, record versions, debug ids and Postman's own
   * request id.
   */
  private static final Set<String> QUALIFIERS =
      words(
          "csrf xsrf next previous prev page continuation cursor sync idempotency update debug"
              + " postman");

  /** Words saying the value is wrong on purpose, to test a rejection: {@code badToken}. */
  private static final Set<String> WRONG_ON_PURPOSE =
      words("bad invalid wrong fake dummy expired incorrect revoked");

  /** Words of names for values that are public by nature: ids, addresses, digests, links. */
  private static final Set<String> PUBLIC =
      words(
          "id ids uuid guid address addr hash checksum digest etag nonce salt version url uri"
              + " link path name phone email");

  /** Query parameter names that carry credentials (normalised: lowercase, '-'→'_'). */
  private static final Set<String> PARAMETERS =
      words(
          "api_key apikey access_token id_token refresh_token token key sig signature password"
              + " passwd pwd client_secret secret auth x_api_key subscription_key private_key"
              + " access_key secret_key oauth_token oauth_consumer_key");

  /** The names of passwords: what someone chooses rather than a system issues. */
  private static final Set<String> PASSWORDS =
      words("password passwd pwd passphrase secret clientsecret");

  private static final Pattern CAMEL_CASE = Pattern.compile("([a-z0-9])([A-Z])");
  private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");

  private CredentialNames() {}

  private static Set<String> words(String words) {
    return Set.of(words.split(" "));
  }

  /**
   * The lowercase words of a name: {@code clientSecret}, {@code client-secret} and {@code
   * CLIENT_SECRET} all read {@code [client, secret]}, and the joined pairs {@code api key}, {@code
   * private key}, ... read as one word.
   */
  static List<String> words(String name, boolean joinPairs) {
    String spaced = CAMEL_CASE.matcher(name).replaceAll("$1 $2").toLowerCase(Locale.ROOT);
    List<String> words = new ArrayList<>();
    for (String word : NOT_ALPHANUMERIC.split(spaced)) {
      if (word.isEmpty()) {
        continue;
      }
      int last = words.size() - 1;
      String before = last >= 0 ? words.get(last) : "";
      if (joinPairs
          && word.equals("key")
          && Set.of("api", "private", "access", "secret", "subscription", "consumer")
              .contains(before)) {
        words.set(last, before + "key");
      } else if (joinPairs && word.equals("secret") && before.equals("client")) {
        words.set(last, "clientsecret");
      } else {
        words.add(word);
      }
    }
    return words;
  }

  /** Whether a variable's name says it holds a credential ({@code db_password}, {@code apiKey}). */
  static boolean isCredentialName(String name) {
    return namesCredential(name, true);
  }

  /**
   * Whether the name of a body field (raw JSON, urlencoded, XML, form data) or a saved response's
   * field says it holds a credential: the strong words only ({@code password}, {@code
   * access_token}, {@code clientSecret}, {@code oauth_consumer_key}).
   */
  static boolean isCredentialField(String name) {
    return namesCredential(name, false);
  }

  private static boolean namesCredential(String name, boolean weakToo) {
    List<String> words = words(name, true);
    if (words.stream().anyMatch(WRONG_ON_PURPOSE::contains)) {
      return false;
    }
    for (int i = words.size() - 1; i >= 0; i--) {
      String word = words.get(i);
      if (STRONG.contains(word) || (weakToo && WEAK.contains(word))) {
        boolean setting = i < words.size() - 1 && SETTING_SUFFIXES.contains(words.get(i + 1));
        boolean qualified = i > 0 && QUALIFIERS.contains(words.get(i - 1));
        return !setting && !qualified;
      }
    }
    String last = words.isEmpty() ? "" : words.get(words.size() - 1);
    return RUN_TOGETHER.stream()
            .anyMatch(word -> last.length() > word.length() && last.endsWith(word))
        && QUALIFIERS.stream().noneMatch(last::startsWith);
  }

  /**
   * Whether a variable's name says its value is public by nature ({@code client_id}, {@code
   * caminoNodeId}, {@code xchainAddress}): random-looking, and no secret.
   */
  static boolean isPublicName(String name) {
    List<String> words = words(name, false);
    String last = words.isEmpty() ? "" : words.get(words.size() - 1);
    return words.stream().anyMatch(PUBLIC::contains)
        || last.endsWith("address")
        || last.endsWith("uuid");
  }

  /**
   * Whether a name is a password's ({@code password}, {@code client_secret}): a value someone chose
   * is a credential there, while under {@code key} or {@code token} it is a name ({@code
   * key=ds_api.user.username}) and only an issued value is one.
   */
  static boolean isPasswordName(String name) {
    return words(name, true).stream().anyMatch(PASSWORDS::contains);
  }

  /** Whether a header's name says it carries a credential. */
  static boolean isCredentialHeader(String name) {
    String lower = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    if (lower.equals("postman-token")
        || lower.startsWith("x-debug-token")
        || lower.matches(".*\\b(csrf|xsrf)\\b.*")) {
      return false; // Postman's own request id, Symfony's profiler id, anti-forgery tokens
    }
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

  /** Whether a query parameter's name says it carries a credential. */
  static boolean isCredentialParameter(String name) {
    return PARAMETERS.contains(name.strip().toLowerCase(Locale.ROOT).replace('-', '_'));
  }
}
