package io.newmankeyvault.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Applies the rules to the strings of one document as the walker meets them, by the kind of field
 * that holds each one (a variable, a header, a parameter, an auth field, a body, any other text),
 * and collects the hits. Whether a value is a credential, and how sure, is the one {@link
 * Judgement} every field rule shares. One per document; not thread-safe.
 */
final class Detector {
  /** Known secrets shorter than this are matched only as whole values, never inside a text. */
  static final int MIN_CONTAINED_SECRET = 12;

  /** How many field names are remembered: a bound for bodies of unusual keys. */
  private static final int MAX_FIELD_NAMES = 10_000;

  private static final Pattern SAS_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private final Set<String> knownSecrets;
  private final double entropyThreshold;
  private final List<Hit> hits = new ArrayList<>();
  private final Map<String, Boolean> fieldNames = new HashMap<>();

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
    Judgement.Verdict verdict = Judgement.of(name, value);
    if (verdict == Judgement.Verdict.NONE) {
      return;
    }
    if ("secret".equalsIgnoreCase(type)) {
      add(Rule.VARIABLE_SECRET_TYPE, verdict, where, line, value);
    } else if (CredentialNames.isCredentialName(name)) {
      add(Rule.VARIABLE_NAME, verdict, where, line, value);
    } else if (verdict == Judgement.Verdict.ISSUED
        && !CredentialNames.isPublicName(name)
        && Entropy.looksRandom(value, entropyThreshold)) {
      hits.add(new Hit(Rule.HIGH_ENTROPY, Severity.LOW, where, line, value));
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
    if (!CredentialNames.isCredentialHeader(name)) {
      return;
    }
    // One finding per header, keyed on the whole value: a Cookie header with three cookies is
    // one leak to fix, as sure as its surest credential.
    Judgement.Verdict verdict = Judgement.Verdict.NONE;
    for (String credential : credentials) {
      Judgement.Verdict one = Judgement.of("", credential);
      verdict = one.compareTo(verdict) > 0 ? one : verdict;
    }
    add(Rule.HEADER, verdict, where, line, value);
  }

  /** A URL's query parameter: under a name other than a password's, only an issued value. */
  void queryParameter(Supplier<String> where, int line, String name, String value) {
    boolean credentialName =
        CredentialNames.isCredentialParameter(name)
            && (CredentialNames.isPasswordName(name) || Judgement.looksIssued(value));
    parameter(where, line, credentialName, name, value);
  }

  /** A urlencoded or form-data body field. */
  void formField(Supplier<String> where, int line, String name, String value) {
    parameter(where, line, CredentialNames.isCredentialField(name), name, value);
  }

  private void parameter(
      Supplier<String> where, int line, boolean credentialName, String name, String value) {
    if (value.isBlank()) {
      return;
    }
    text(where, line, value);
    if (credentialName) {
      add(Rule.PARAMETER, Judgement.of(name, value), where, line, value);
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
        .forEach(p -> hits.add(new Hit(Rule.TOKEN_AZURE_SAS, where, line, p.getValue())));
  }

  /** A field of an auth block of the given type. */
  void authField(
      Supplier<String> where, int line, AuthFields.Type type, String field, String value) {
    if (value.isBlank()) {
      return;
    }
    text(where, line, value);
    if (type != null && AuthFields.isCredential(type, field)) {
      add(type.rule(), Judgement.of(field, value), where, line, value);
    }
  }

  /**
   * A raw request body or a saved response's body: the token shapes over the whole text, and each
   * field named for a credential (JSON, urlencoded or XML) at {@code where[NAME]}.
   */
  void body(Supplier<String> where, int line, String body) {
    // A value with a token shape is reported once, by its shape: the more telling rule.
    boolean shaped = !text(where, line, body).isEmpty();
    for (BodyFields.Field field : BodyFields.of(body, this::isCredentialField)) {
      if (!(shaped && !TokenShapes.find(field.value()).isEmpty())) {
        add(
            Rule.BODY_FIELD,
            Judgement.of(field.name(), field.value()),
            () -> where.get() + "[" + field.name() + "]",
            line,
            field.value());
      }
    }
  }

  /** Field names repeat across a document's bodies: each is judged once. */
  private boolean isCredentialField(String name) {
    if (fieldNames.size() > MAX_FIELD_NAMES) {
      return CredentialNames.isCredentialField(name);
    }
    return fieldNames.computeIfAbsent(name, CredentialNames::isCredentialField);
  }

  /**
   * Any other string: scripts, bodies, saved responses, URLs, descriptions. Returns the values the
   * token shapes found.
   */
  List<String> text(Supplier<String> where, int line, String text) {
    if (text.isBlank()) {
      return List.of();
    }
    List<String> found = new ArrayList<>();
    for (TokenShapes.Match match : TokenShapes.find(text)) {
      hits.add(new Hit(match.rule(), where, line, match.value()));
      found.add(match.value());
    }
    for (String secret : knownSecrets) {
      if (text.equals(secret)
          || (secret.length() >= MIN_CONTAINED_SECRET && text.contains(secret))) {
        hits.add(new Hit(Rule.KNOWN_SECRET, where, line, secret));
      }
    }
    return found;
  }

  /** A credential part (a header's token, a cookie value) equal to a known secret. */
  private void knownExactly(Supplier<String> where, int line, String credential) {
    if (knownSecrets.contains(credential)) {
      hits.add(new Hit(Rule.KNOWN_SECRET, where, line, credential));
    }
  }

  /** A field rule's hit: high for an issued credential, medium for a chosen one, none else. */
  private void add(
      Rule rule, Judgement.Verdict verdict, Supplier<String> where, int line, String value) {
    if (verdict != Judgement.Verdict.NONE) {
      Severity severity = verdict == Judgement.Verdict.ISSUED ? Severity.HIGH : Severity.MEDIUM;
      hits.add(new Hit(rule, severity, where, line, value));
    }
  }
}
