package io.newmankeyvault.audit;

import java.util.function.Supplier;

/**
 * A match before it becomes a {@link Finding}: the location is rendered once the document is read
 * (an item's name may come after its request in the file), and the value is held only until then,
 * to fingerprint it.
 *
 * @param rule what matched
 * @param severity how sure the audit is that it is a credential in clear
 * @param location renders the location when the document has been read
 * @param line the file line, or 0 when unknown
 * @param value the credential; never printed
 * @param file the file of a v3 collection folder it is in, relative to the folder ({@code
 *     Users/Create user.request.yaml}); null when the document is one file
 */
record Hit(
    Rule rule, Severity severity, Supplier<String> location, int line, String value, String file) {
  /** A hit in a document that is one file. */
  Hit(Rule rule, Severity severity, Supplier<String> location, int line, String value) {
    this(rule, severity, location, line, value, null);
  }

  /** A hit of the rule's own severity (token shapes, known secrets). */
  Hit(Rule rule, Supplier<String> location, int line, String value) {
    this(rule, rule.severity(), location, line, value);
  }

  /** The same hit, placed in a file of a collection folder at a line. */
  Hit in(String file, int line) {
    return new Hit(rule, severity, location, line, value, file);
  }

  @Override
  public String toString() {
    return "Hit[" + rule + "]"; // never the value
  }
}
