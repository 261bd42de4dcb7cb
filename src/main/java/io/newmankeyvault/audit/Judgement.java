package io.newmankeyvault.audit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one judgement of "is this value a credential" that every rule shares, and how sure it is. Not
 * a credential, wherever it appears: what is not written in clear (a reference, a template),
 * placeholders and published examples ({@link Placeholders}), stand-ins ({@link StandIns}),
 * Postman's own values, data that is public by nature (numbers, booleans, URLs, e-mail and IP
 * addresses), code, and values too short to guard anything. Anything else is a credential someone
 * chose (a password) or, when it looks issued (long, random, no words), one a system issued (a
 * token, a key, a generated secret). Stateless.
 */
final class Judgement {
  /** How a value reads. */
  enum Verdict {
    /** Not a credential. */
    NONE,
    /** A credential someone chose: a password, a passphrase. */
    CHOSEN,
    /** A credential a system issued: random, long, without words. */
    ISSUED
  }

  /** Shorter values guard nothing (fuzzing inputs, {@code 1}, {@code tt}). */
  static final int MIN_LENGTH = 4;

  /** Issued credentials are at least this long (a 16-character key has about 95 bits). */
  static final int ISSUED_LENGTH = 16;

  private static final Pattern PUBLIC_DATA =
      Pattern.compile(
          "[^\\s@]+@[^\\s@]+\\.[A-Za-z]{2,}" // an e-mail address (or a chat id)
              + "|\\d{1,3}(\\.\\d{1,3}){3}(:\\d+)?" // an IPv4 address
              + "|\\d{4}-\\d{2}-\\d{2}([T ][\\d:.]+Z?)?"); // a date

  /** A call or a property chain: {@code pm.environment.get(}, {@code btoa(password)}. */
  private static final Pattern CODE =
      Pattern.compile(
          "[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*\\s*\\(.*|.*=>.*|(pm|postman)\\.[\\w.]+.*",
          Pattern.DOTALL);

  private static final Pattern BASE64 =
      Pattern.compile("(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");

  /** Only hexadecimal digits and dashes: a generated id or digest (UUIDs, session tokens). */
  private static final Pattern HEX = Pattern.compile("(?=.*[0-9])(?=.*[a-fA-F])[0-9a-fA-F-]+");

  /** A run of letters that may be a word: {@code Declined}, {@code header}, {@code CANARY}. */
  private static final Pattern WORD = Pattern.compile("[A-Z]?[a-z]{3,}|[A-Z]{4,}");

  private static final Pattern VOWEL = Pattern.compile("[aeiouy]");
  private static final Pattern CONSONANTS = Pattern.compile("[^aeiouy]{4}");

  private Judgement() {}

  /** How the value of a field named {@code name} reads (the name may be empty). */
  static Verdict of(String name, String value) {
    String text = value.strip();
    if (!Credentials.isLiteral(text)
        || text.length() < MIN_LENGTH
        || Credentials.isPlainSetting(text)
        || PUBLIC_DATA.matcher(text).matches()
        || CODE.matcher(text).matches()
        || Placeholders.isPlaceholder(text)
        || StandIns.isStandIn(name, text)) {
      return Verdict.NONE;
    }
    String password = basicPassword(text);
    if (password != null) {
      return of("", password); // base64 of user:password is as good as its password
    }
    return looksIssued(text) ? Verdict.ISSUED : Verdict.CHOSEN;
  }

  /**
   * The password of {@code user:password} in base64 (a Basic credential, wherever it is kept), or
   * null when the value is not one.
   */
  static String basicPassword(String value) {
    if (!BASE64.matcher(value).matches()) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      boolean printable = decoded.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
      return printable && colon > 0 ? decoded.substring(colon + 1) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Whether a value looks issued rather than chosen: at least {@value #ISSUED_LENGTH} characters
   * without spaces, hexadecimal (an id, a digest, a UUID) or mixing two of lower case, upper case
   * and digits with the entropy of random text, and not made of words.
   */
  static boolean looksIssued(String value) {
    String text = value.strip();
    if (text.length() < ISSUED_LENGTH || text.chars().anyMatch(Character::isWhitespace)) {
      return false;
    }
    if (HEX.matcher(text).matches()) {
      return text.replace("-", "").length() >= ISSUED_LENGTH;
    }
    int classes =
        (text.chars().anyMatch(Character::isLowerCase) ? 1 : 0)
            + (text.chars().anyMatch(Character::isUpperCase) ? 1 : 0)
            + (text.chars().anyMatch(Character::isDigit) ? 1 : 0);
    return classes >= 2 && Entropy.bitsPerChar(text) >= 3.5 && !isWordy(text);
  }

  /**
   * Whether words of four letters or more make up half of a text or more: a phrase or an identifier
   * ({@code pm_card_visa_chargeDeclined}), not random.
   */
  static boolean isWordy(String text) {
    int inWords = 0;
    Matcher word = WORD.matcher(text);
    while (word.find()) {
      String run = word.group();
      if (run.length() >= 4 && readsAsWord(run)) {
        inWords += run.length();
      }
    }
    return inWords * 2 >= text.length();
  }

  /** A vowel, and no four consonants in a row: random letters seldom manage both. */
  private static boolean readsAsWord(String run) {
    String lower = run.toLowerCase(Locale.ROOT);
    return VOWEL.matcher(lower).find() && !CONSONANTS.matcher(lower).find();
  }
}
