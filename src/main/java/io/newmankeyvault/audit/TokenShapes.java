package io.newmankeyvault.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Well-known credential shapes found anywhere in a text (scripts, bodies, descriptions, values):
 * JWTs, PEM private keys, Postman, GitHub, Slack, Stripe, Google and AWS keys, Azure storage keys,
 * SAS signatures and Entra ID client secrets, and connection strings with a password. Each shape
 * has a cheap substring check first, so a 10 MB saved response costs one pass per needle. Immutable
 * and thread-safe.
 */
final class TokenShapes {
  /** One match: which rule, and the matched credential (held only to fingerprint it). */
  record Match(Rule rule, String value) {
    @Override
    public String toString() {
      return "Match[" + rule + "]"; // never the value
    }
  }

  /** A shape: needles that must occur (any of them), the pattern, and the group to report. */
  private record Shape(Rule rule, List<String> needles, Pattern pattern, int group) {}

  private static final String B64URL = "[A-Za-z0-9_-]";

  /** Not inside a word; a \\n, \\r or \\t escape before (in a script's string) is a boundary. */
  private static final String NOT_WORD_BEFORE = "(?:(?<![A-Za-z0-9_])|(?<=\\\\[nrt]))";

  private static final String NOT_WORD_AFTER = "(?![A-Za-z0-9_])";

  private static final List<Shape> SHAPES =
      List.of(
          shape(
              Rule.TOKEN_JWT,
              List.of("eyJ"),
              NOT_WORD_BEFORE
                  + "(eyJ"
                  + B64URL
                  + "{8,}\\.eyJ"
                  + B64URL
                  + "{4,}\\."
                  + B64URL
                  + "{16,})"),
          // No signature: only a token whose header says alg none (see find).
          shape(
              Rule.TOKEN_JWT_UNSIGNED,
              List.of("eyJ"),
              NOT_WORD_BEFORE
                  + "(eyJ"
                  + B64URL
                  + "{8,}\\.eyJ"
                  + B64URL
                  + "{4,}\\.)(?![A-Za-z0-9_.-])"),
          // The key's body must follow (real newlines, \n escapes inside script strings, or string
          // concatenation: "..." + "..."), so code that only assembles a PEM from a variable is
          // not a finding.
          shape(
              Rule.TOKEN_PRIVATE_KEY,
              List.of("PRIVATE KEY"),
              "(-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"
                  + "(?:\\s|\\\\+[rn]|\\\\*[\"']|\\+)*[A-Za-z0-9+/=]{40,})"),
          shape(
              Rule.TOKEN_POSTMAN,
              List.of("PMAK-"),
              "(PMAK-[0-9a-fA-F]{24}-[0-9a-fA-F]{34})" + NOT_WORD_AFTER),
          shape(
              Rule.TOKEN_GITHUB,
              List.of("gh", "github_pat_"),
              NOT_WORD_BEFORE
                  + "((?:gh[pous]_[A-Za-z0-9]{36}|ghr_[A-Za-z0-9]{36}(?:[A-Za-z0-9]{40})?"
                  + "|github_pat_[A-Za-z0-9_]{22,255}))"
                  + NOT_WORD_AFTER),
          // 88 base64 characters after a key's name: AccountKey=, key = "...", -AccountKey="...",
          // -StorageAccountKey "...", "accountKey": "...", <AccountKey>...; in any case, quotes
          // escaped or not.
          shape(
              Rule.TOKEN_AZURE_STORAGE_KEY,
              List.of("=="),
              "(?:(?i:account_?key|storage_?key|(?<![A-Za-z0-9_])key)(?:\\\\*[\"'])?\\s*(?:[=:]|>)"
                  + "|(?i:-(?:storage)?accountkey)\\s)\\s*(?:\\\\*[\"'])?([A-Za-z0-9+/]{86}==)"
                  + "(?![A-Za-z0-9+/=])"),
          // A SAS is a URL's query with a service version (sv=) and a signature (sig=).
          shape(
              Rule.TOKEN_AZURE_SAS,
              List.of("sig="),
              "[?&]sv=\\d{4}-\\d{2}-\\d{2}[^\\s\"'<>]*?[?&]sig=([A-Za-z0-9%+/=]{16,})"
                  + "|[?&]sig=([A-Za-z0-9%+/=]{16,})[^\\s\"'<>]*?&sv=\\d{4}-\\d{2}-\\d{2}"),
          // Entra ID client secrets: three characters, a version digit, Q~, and 31 to 34 more.
          shape(
              Rule.TOKEN_AZURE_AD_SECRET,
              List.of("Q~"),
              "(?<![A-Za-z0-9_~.-])([A-Za-z0-9_~.-]{3}\\dQ~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])"),
          shape(
              Rule.TOKEN_AWS_ACCESS_KEY,
              List.of("AKIA", "ASIA", "ABIA", "ACCA"),
              "(?<![A-Z0-9])((?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})(?![A-Z0-9])"),
          // Slack's real structures: user and bot tokens with their numeric segments, legacy
          // tokens, app-level and configuration tokens, and incoming webhooks.
          shape(
              Rule.TOKEN_SLACK,
              List.of("xox", "xapp-", "hooks.slack.com"),
              NOT_WORD_BEFORE
                  + "(xox[pe](?:-\\d{10,13}){3}-[A-Za-z0-9]{28,34}"
                  + "|xoxb-\\d{10,13}-\\d{10,13}-[A-Za-z0-9]{16,}"
                  + "|xoxb-\\d{8,14}-[A-Za-z0-9]{18,26}"
                  + "|xox[os]-\\d+-\\d+-\\d+-[a-fA-F0-9]{10,}"
                  + "|xox[ar]-(?:\\d-)?[A-Za-z0-9]{8,48}(?:-[A-Za-z0-9]+)*"
                  + "|xapp-\\d-[A-Za-z0-9]+-\\d+-[A-Za-z0-9]+"
                  + "|xapp-\\d{12}-[A-Za-z0-9/+]{24}"
                  + "|xoxe\\.xox[bp]-\\d-[A-Za-z0-9]{163,166}"
                  + "|xoxe-\\d-[A-Za-z0-9]{146}"
                  + "|(?:https?://)?hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,})"
                  + NOT_WORD_AFTER),
          shape(
              Rule.TOKEN_STRIPE,
              List.of("_live_", "_prod_"),
              NOT_WORD_BEFORE + "((?:sk|rk)_(?:live|prod)_[A-Za-z0-9]{10,99})" + NOT_WORD_AFTER),
          shape(
              Rule.TOKEN_STRIPE_TEST,
              List.of("_test_"),
              NOT_WORD_BEFORE + "((?:sk|rk)_test_[A-Za-z0-9]{10,99})" + NOT_WORD_AFTER),
          shape(
              Rule.TOKEN_GOOGLE_API_KEY,
              List.of("AIza"),
              "(?<![A-Za-z0-9_-])(AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])"),
          // Only inside a connection string: see CONNECTION_CONTEXT.
          shape(
              Rule.TOKEN_CONNECTION_STRING,
              List.of("=", ";"),
              "(?i)(?<![A-Za-z0-9_])(?:password|pwd)\\s*=\\s*([^;\"'\\s][^;\"'\\r\\n]*)"));

  /** What must come before a password for it to be a connection string's: a server or user. */
  private static final Pattern CONNECTION_CONTEXT =
      Pattern.compile(
          "(?i)(?<![A-Za-z0-9_])(?:server|data source|host|address|user id|uid|user|username"
              + "|initial catalog|database)\\s*=[^;]*;");

  /** An ellipsis after a PEM body, past any line breaks (real or escaped). */
  private static final Pattern ELISION = Pattern.compile("(?:\\s|\\\\[rn])*(?:\\.|\u2026)");

  /** How far before the password the rest of the connection string may start. */
  private static final int CONNECTION_NEAR = 300;

  /** An AWS secret access key: 40 base64 characters, reported only near an access key id. */
  private static final Pattern AWS_SECRET =
      Pattern.compile("(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])");

  /** How near (characters) an AWS secret key must be to its key id to count. */
  private static final int AWS_NEAR = 200;

  private TokenShapes() {}

  private static Shape shape(Rule rule, List<String> needles, String regex) {
    return new Shape(rule, needles, Pattern.compile(regex), 1);
  }

  /** Every credential shape in a text, in order of shape, then position. */
  static List<Match> find(String text) {
    List<Match> matches = new ArrayList<>();
    for (Shape shape : SHAPES) {
      if (shape.needles().stream().noneMatch(text::contains)) {
        continue;
      }
      Matcher matcher = shape.pattern().matcher(text);
      while (matcher.find()) {
        String value = firstGroup(matcher);
        if (value != null
            && Credentials.isLiteral(value)
            && !Placeholders.isPlaceholder(shape.rule(), value)
            && (shape.rule() != Rule.TOKEN_CONNECTION_STRING
                || (inConnectionString(text, matcher.start())
                    && Judgement.of("", value) != Judgement.Verdict.NONE))
            && (shape.rule() != Rule.TOKEN_PRIVATE_KEY || !isElided(text, matcher.end()))
            && (shape.rule() != Rule.TOKEN_JWT_UNSIGNED || isAlgNone(value))) {
          matches.add(new Match(shape.rule(), value));
          if (shape.rule() == Rule.TOKEN_AWS_ACCESS_KEY) {
            awsSecretNear(text, matcher.start(1), matches);
          }
        }
      }
    }
    return matches;
  }

  /**
   * Whether a PEM body stops at an ellipsis ({@code MIIEpQIBAAK...}): a documentation example cut
   * short, not a key.
   */
  private static boolean isElided(String text, int end) {
    String next = text.substring(end, Math.min(text.length(), end + 8));
    return ELISION.matcher(next).lookingAt();
  }

  /** Whether a JWT's header says {@code "alg":"none"}. */
  private static boolean isAlgNone(String jwt) {
    try {
      String header =
          new String(
              java.util.Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))),
              java.nio.charset.StandardCharsets.UTF_8);
      return header
          .replaceAll("\\s", "")
          .toLowerCase(java.util.Locale.ROOT)
          .contains("\"alg\":\"none\"");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean inConnectionString(String text, int password) {
    return CONNECTION_CONTEXT
        .matcher(text)
        .region(Math.max(0, password - CONNECTION_NEAR), password)
        .find();
  }

  private static String firstGroup(Matcher matcher) {
    for (int group = 1; group <= matcher.groupCount(); group++) {
      if (matcher.group(group) != null) {
        return matcher.group(group);
      }
    }
    return null;
  }

  private static void awsSecretNear(String text, int keyId, List<Match> into) {
    int from = Math.max(0, keyId - AWS_NEAR);
    int to = Math.min(text.length(), keyId + 20 + AWS_NEAR);
    Matcher secret = AWS_SECRET.matcher(text).region(from, to);
    while (secret.find()) {
      String value = secret.group(1);
      // Mixed case or a digit: not a run of one letter, nor a hex digest's lowercase.
      if (value.chars().anyMatch(Character::isUpperCase)
          && value.chars().anyMatch(Character::isLowerCase)) {
        into.add(new Match(Rule.TOKEN_AWS_SECRET_KEY, value));
      }
    }
  }
}
