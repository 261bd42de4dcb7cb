package io.newmankeyvault.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The audit as a gate for other commands ({@code fetch}): the high findings of a collection and an
 * environment, each as one line naming the document, the location and the rule, never a value.
 */
public final class Cleartext {
  private Cleartext() {}

  /**
   * One line per high finding in the documents; empty when they hold no credential in clear.
   *
   * @param collectionUri how the lines name the collection
   * @param environment the environment file, or null
   * @param environmentUri how the lines name the environment
   */
  public static List<String> highFindings(
      Path collection, String collectionUri, Path environment, String environmentUri) {
    // Entropy findings are low: the threshold does not change what is high. The lines show no
    // fingerprint, so the place-only kind (no key needed) will do.
    DocumentAuditor auditor = new DocumentAuditor(Set.of(), 4.0, Fingerprints.byPlace());
    List<Finding> findings =
        new ArrayList<>(auditor.collection(collection, collectionUri).findings());
    if (environment != null) {
      findings.addAll(auditor.environment(environment, environmentUri).findings());
    }
    List<String> lines = new ArrayList<>();
    for (Finding finding : findings) {
      if (finding.severity() == Severity.HIGH) {
        lines.add(
            finding.document().title()
                + " › "
                + finding.location()
                + " (line "
                + finding.line()
                + ", "
                + finding.rule().id()
                + ")");
      }
    }
    return lines;
  }
}
