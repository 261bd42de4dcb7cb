package io.newmankeyvault.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Applies the rules to the strings of one document as the walker meets them, by the kind of field
 * that holds each one (a variable, a header, a parameter, an auth field, any other text), and
 * collects the hits. One per document; not thread-safe.
 */
final class Detector {
  /** Known secrets shorter than this are matched only as whole values, never inside a text. */
  static final int MIN_CONTAINED_SECRET = 12;

  private static final Pattern SAS_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private final Set<String> knownSecrets;
  private final double entropyThreshold;
  private final List<Hit> hits = new ArrayList<>();

  /**
   * @param knownSecrets values read from Key Vault or the secrets file (may be empty)
   * @param entropyThreshold bits per character over which a variable value is reported
   */
  Detector(Set<String> knownSecrets, double entropyThreshold) {
    this.knownSecrets = knownSecrets;
    this.entropyThreshold = entropyThreshold;
  }

  List<Hit> hits() {
    return hits;
  }

  /** An environment or collection variable. */
  void variable(Supplier<String> where, int line, String name, String type, String value) {
    if (value.isBlank()) {
      return;
    }
    text(where, line, value);
    if (!Credentials.isLiteral(value)) {
      return;
    }
    if ("secret".equalsIgnoreCase(type)) {
      add(Rule.VARIABLE_SECRET_TYPE, where, line, value);
    } else if (Credentials.isCredentialName(name) && !Credentials.isPlainSetting(value)) {
      add(Rule.VARIABLE_NAME, where, line, value);
    } else if (Entropy.looksRandom(value, entropyThreshold)) {
      add(Rule.HIGH_ENTROPY, where, line, value);
    }
  }

  /** A request header. */
  void header(Supplier<String> where, int line, String name, String value) {
    if (value.isBlank()) {
      return;
    }
    text(where, line, value);
    List<String> credentials = Credentials.headerCredentials(name, value);
    credentials.forEach(credential -> knownExactly(where, line, credential));
    // One finding per header, keyed on the whole value: a Cookie header with three cookies is
    // one leak to fix.
    if (Credentials.isCredentialHeader(name)
        && credentials.stream().anyMatch(Credentials::isLiteral)) {
      add(Rule.HEADER, where, line, value);
    }
  }

  /** A query parameter, or a urlencoded or form-data body field. */
  void parameter(Supplier<String> where, int line, String name, String value) {
    if (value.isBlank()) {
      return;
    }
    text(where, line, value);
    if (Credentials.isCredentialParameter(name) && Credentials.isLiteral(value)) {
      add(Rule.PARAMETER, where, line, value);
    }
  }

  /**
   * A URL's parameters, for a SAS signature: a literal {@code sig} next to a service version {@code
   * sv} (the shapes find the same in a URL inside other text).
   */
  void sas(Supplier<String> where, int line, List<Map.Entry<String, String>> parameters) {
    boolean version =
        parameters.stream()
            .anyMatch(p -> p.getKey().equals("sv") && SAS_VERSION.matcher(p.getValue()).matches());
    if (!version) {
      return;
    }
    parameters.stream()
        .filter(p -> p.getKey().equals("sig") && Credentials.isLiteral(p.getValue()))
        .forEach(p -> add(Rule.TOKEN_AZURE_SAS, where, line, p.getValue()));
  }

  /** A field of an auth block of the given type. */
  void authField(
      Supplier<String> where, int line, AuthFields.Type type, String field, String value) {
    if (value.isBlank()) {
      return;
    }
    text(where, line, value);
    if (type != null && AuthFields.isCredential(type, field) && Credentials.isLiteral(value)) {
      add(type.rule(), where, line, value);
    }
  }

  /** Any other string: scripts, bodies, saved responses, URLs, descriptions. */
  void text(Supplier<String> where, int line, String text) {
    if (text.isBlank()) {
      return;
    }
    for (TokenShapes.Match match : TokenShapes.find(text)) {
      add(match.rule(), where, line, match.value());
    }
    for (String secret : knownSecrets) {
      if (text.equals(secret)
          || (secret.length() >= MIN_CONTAINED_SECRET && text.contains(secret))) {
        add(Rule.KNOWN_SECRET, where, line, secret);
      }
    }
  }

  /** A credential part (a header's token, a cookie value) equal to a known secret. */
  private void knownExactly(Supplier<String> where, int line, String credential) {
    if (knownSecrets.contains(credential)) {
      add(Rule.KNOWN_SECRET, where, line, credential);
    }
  }

  private void add(Rule rule, Supplier<String> where, int line, String value) {
    hits.add(new Hit(rule, where, line, value));
  }
}
