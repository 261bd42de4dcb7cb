package io.newmankeyvault.audit;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Values that are not credentials by their form, whether a token shape or a field found them:
 * placeholders ({@code ghp_xxxx...}, {@code AKIAXXXXXXXXXXXXXXXX}, {@code <your-token>}, {@code
 * ${TOKEN}}, {@code ...EXAMPLE}, {@code XXXX}, {@code 1234}) and examples published in vendors'
 * documentation and SDKs (AWS's {@code AKIAIOSFODNN7EXAMPLE}, Azurite's storage key, jwt.io's
 * token, Firebase's sample API keys). Documentation and sample collections are full of them; none
 * is a finding. Stateless.
 */
final class Placeholders {
  private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^A-Za-z0-9]");

  private Placeholders() {}

  /**
   * Words that mark a value as a stand-in, in lower case, upper case or capitalized (a random token
   * holds one in mixed case, {@code FaKe}, by chance, about 1 in 10^4 for each word), and template
   * syntax.
   */
  private static final Pattern MARKER =
      Pattern.compile(
          Stream.of("example", "sample", "dummy", "fake", "placeholder", "changeme", "redacted")
                  .flatMap(
                      word ->
                          Stream.of(
                              word,
                              word.toUpperCase(Locale.ROOT),
                              Character.toUpperCase(word.charAt(0)) + word.substring(1)))
                  .collect(Collectors.joining("|"))
              + "|(?i:your[_-])|<[^<>]+>|\\$\\{[^}]*}|\\{\\{[^}]*}}|\\.\\.\\.");

  /** Published examples, whole (official documentation and SDK samples). */
  private static final Set<String> PUBLISHED =
      Set.of(
          // Azurite's (the Azure storage emulator's) well-known account key
          "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
          // jwt.io's default token
          "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9l"
              + "IiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
          // Stripe's documentation keys
          "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
          "sk_test_BQokikJOvBiI2HlWgH4olfQ2",
          "sk_test_26PHem9AhJZvU623DfE1x4sd",
          // firebase-android-sdk's sample and test API keys
          "AIzaSyabcdefghijklmnopqrstuvwxyz1234567",
          "AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs",
          "AIzaSyCkEhVjf3pduRDt6d1yKOMitrUEke8agEM",
          "AIzaSyDMAScliyLx7F0NPDEJi1QmyCgHIAODrlU",
          "AIzaSyD3asb-2pEZVqMkmL6M9N6nHZRR_znhrh0",
          "AIzayDNSXIbFmlXbIE6mCzDLQAqITYefhixbX4A",
          "AIzaSyAdOS2zB6NCsk1pCdZ4-P6GBdi_UUPwX7c",
          "AIzaSyASWm6HmTMdYWpgMnjRBjxcQ9CKctWmLd4",
          "AIzaSyANUvH9H9BsUccjsu2pCmEkOPjjaXeDQgY",
          "AIzaSyA5_iVawFQ8ABuTZNUdcwERLJv_a_p4wtM",
          "AIzaSyA4UrcGxgwQFTfaI3no3t7Lt1sjmdnP5sQ",
          "AIzaSyDSb51JiIcB6OJpwwMicseKRhhrOq1cS7g",
          "AIzaSyBF2RrAIm4a0mO64EShQfqfd2AFnzAvvuU",
          "AIzaSyBcE-OOIbhjyR83gm4r2MFCu4MJmprNXsw",
          "AIzaSyB8qGxt4ec15vitgn44duC5ucxaOi4FmqE",
          "AIzaSyA8vmApnrHNFE0bApF4hoZ11srVL_n0nvY");

  /**
   * Stand-in syntax beyond the markers: {@code your...}, {@code ..._HERE}, {@code goes here},
   * {@code Replace with ...}, {@code {access_token}}, {@code %TOKEN%}, {@code $TOKEN}, and masks
   * ({@code XXXX}, {@code ****}).
   */
  private static final Pattern STAND_IN =
      Pattern.compile(
          "(?i)^your|[ _-]here$|\\bgoes here\\b|^(?:replace|insert|enter|put|paste)\\b"
              + "|^\\{[A-Za-z_][\\w.-]*}$|^%[A-Za-z_]+%$|^\\$[A-Z_]{3,}$|[x*#\u2022]{4}");

  /**
   * Whether any value (a field's, a token's) is a placeholder or a published example: a marker,
   * template syntax, a mask, one character repeated, or a counting sequence as the whole value
   * ({@code 1234}, {@code 123456}, {@code abcdefgh}).
   */
  static boolean isPlaceholder(String value) {
    if (PUBLISHED.contains(value)
        || MARKER.matcher(value).find()
        || STAND_IN.matcher(value).find()) {
      return true;
    }
    String alphanumeric = NOT_ALPHANUMERIC.matcher(value).replaceAll("");
    int length = alphanumeric.length();
    return length >= 3
        && (hasRun(alphanumeric, length) || (length >= 4 && hasSequence(alphanumeric, length)));
  }

  /**
   * Whether a value a token shape matched is a placeholder or a published example. JWTs and private
   * keys are judged by the published list only: their base64 legitimately holds runs and few
   * distinct characters.
   */
  static boolean isPlaceholder(Rule rule, String value) {
    if (PUBLISHED.contains(value)) {
      return true;
    }
    if (rule == Rule.TOKEN_JWT
        || rule == Rule.TOKEN_JWT_UNSIGNED
        || rule == Rule.TOKEN_PRIVATE_KEY
        || rule == Rule.TOKEN_CONNECTION_STRING) {
      return false;
    }
    if (MARKER.matcher(value).find()) {
      return true;
    }
    String body = body(rule, value);
    return hasRun(body, 6) || hasSequence(body, 8) || tooFewDistinct(body);
  }

  /** The random part: the value without its fixed prefix ({@code ghp_}, {@code AKIA}, ...). */
  static String body(Rule rule, String value) {
    return switch (rule) {
      case TOKEN_AWS_ACCESS_KEY, TOKEN_GOOGLE_API_KEY -> value.substring(4);
      case TOKEN_GITHUB ->
          value.startsWith("github_pat_") ? value.substring(11) : value.substring(4);
      case TOKEN_STRIPE, TOKEN_STRIPE_TEST -> value.substring(value.indexOf('_', 3) + 1);
      // The secret part: bot and user tokens' numeric segments, a webhook's ids, are not random.
      case TOKEN_SLACK ->
          value.substring(Math.max(value.lastIndexOf('-'), value.lastIndexOf('/')) + 1);
      default -> value;
    };
  }

  /** {@code length} times the same character in a row (xxxxxx, 000000, ######, ******). */
  private static boolean hasRun(String text, int length) {
    int run = 1;
    for (int i = 1; i < text.length(); i++) {
      run = text.charAt(i) == text.charAt(i - 1) ? run + 1 : 1;
      if (run >= length) {
        return true;
      }
    }
    return false;
  }

  /** {@code length} characters counting up or down (abcdefgh, 12345678). */
  private static boolean hasSequence(String text, int length) {
    int up = 1;
    int down = 1;
    for (int i = 1; i < text.length(); i++) {
      int step = text.charAt(i) - text.charAt(i - 1);
      up = step == 1 ? up + 1 : 1;
      down = step == -1 ? down + 1 : 1;
      if (up >= length || down >= length) {
        return true;
      }
    }
    return false;
  }

  /**
   * Fewer distinct letters and digits than a random value of that length has all but never: a
   * random 16 characters of base32 hold about 12.
   */
  private static boolean tooFewDistinct(String body) {
    String alphanumeric = body.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    if (alphanumeric.length() < 12) {
      return false;
    }
    long distinct = alphanumeric.chars().distinct().count();
    return distinct < Math.min(7, alphanumeric.length() / 3);
  }
}
