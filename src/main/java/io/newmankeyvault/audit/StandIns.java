package io.newmankeyvault.audit;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Values that stand in for a credential rather than being one: generic words ({@code password},
 * {@code PASSWORD}, {@code secret}, {@code test}, {@code valid_password}, {@code secretApiKey},
 * {@code userpass}), labels that end with what they stand for ({@code ssh-secret}, {@code
 * vcenter-password}), and a value that repeats its field's name ({@code secret_limited} in {@code
 * secret_limited}). A real credential has something of its own: a digit, a symbol, a word that is
 * not generic ({@code password123}, {@code Test1234}, {@code admin}). Stateless.
 */
final class StandIns {
  /** Words that people type where a credential should go, and the abbreviations of their kind. */
  private static final Set<String> GENERIC =
      Set.of(
          ("password passwd pass pwd passphrase secret secrets token tokens key keys api apikey"
                  + " access auth session credential credentials signature sig private client"
                  + " consumer sec tok con test testing user username usr demo sample example dummy"
                  + " fake value string text my your our the new old valid invalid wrong bad"
                  + " incorrect so super very here goes default change changeme me none null"
                  + " undefined empty blank foo bar baz foobar")
              .split(" "));

  /** The kinds of credential a label ends with ({@code ssh-secret}). */
  private static final Set<String> KINDS =
      Set.of("password passwd secret token key apikey signature session".split(" "));

  private static final Pattern LETTERS = Pattern.compile("[A-Za-z][A-Za-z _.-]*");
  private static final Pattern CAMEL_CASE = Pattern.compile("([a-z])([A-Z])");
  private static final Pattern SEPARATORS = Pattern.compile("[ _.-]+");
  private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]");

  private StandIns() {}

  /** Whether a field's value stands in for a credential (the field's name may be empty). */
  static boolean isStandIn(String name, String value) {
    if (!LETTERS.matcher(value).matches()) {
      return echoes(name, value); // digits or symbols: something of its own, unless it is the name
    }
    String[] pieces =
        SEPARATORS.split(CAMEL_CASE.matcher(value).replaceAll("$1 $2").toLowerCase(Locale.ROOT));
    boolean generic = true;
    for (String piece : pieces) {
      generic &= piece.isEmpty() || isGenericRun(piece);
    }
    return generic
        || (pieces.length >= 2 && KINDS.contains(pieces[pieces.length - 1]))
        || echoes(name, value);
  }

  /** Whether a run of letters splits into generic words ({@code userpass}, {@code sosecret}). */
  private static boolean isGenericRun(String run) {
    boolean[] splits = new boolean[run.length() + 1];
    splits[0] = true;
    for (int end = 1; end <= run.length(); end++) {
      for (int start = 0; start < end && !splits[end]; start++) {
        splits[end] = splits[start] && GENERIC.contains(run.substring(start, end));
      }
    }
    return splits[run.length()];
  }

  /** Whether the value repeats its field's name, case and separators aside. */
  private static boolean echoes(String name, String value) {
    String field = squash(name);
    String text = squash(value);
    return text.length() >= 4 && field.endsWith(text);
  }

  private static String squash(String text) {
    return NOT_ALPHANUMERIC.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("");
  }
}
