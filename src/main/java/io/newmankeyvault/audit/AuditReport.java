package io.newmankeyvault.audit;

import java.util.List;

/**
 * What the audit found: the documents read, the findings to report (baseline-accepted ones removed)
 * and how many were accepted.
 *
 * @param documents every collection and environment read, in command-line order
 * @param findings the findings to report
 * @param suppressed how many findings the baseline accepted
 */
public record AuditReport(List<Document> documents, List<Finding> findings, int suppressed) {
  public AuditReport {
    documents = List.copyOf(documents);
    findings = List.copyOf(findings);
  }

  /** How many reported findings have this severity. */
  public long count(Severity severity) {
    return findings.stream().filter(finding -> finding.severity() == severity).count();
  }

  /** One line: counts by severity, and the baseline's share. */
  public String summary() {
    String counts =
        findings.isEmpty()
            ? "no credential in clear found"
            : findings.size()
                + (findings.size() == 1 ? " finding" : " findings")
                + " ("
                + count(Severity.HIGH)
                + " high, "
                + count(Severity.MEDIUM)
                + " medium, "
                + count(Severity.LOW)
                + " low)";
    String in = " in " + documents.size() + (documents.size() == 1 ? " document" : " documents");
    String baseline =
        suppressed == 0
            ? ""
            : "; "
                + suppressed
                + (suppressed == 1 ? " known finding" : " known findings")
                + " suppressed by the baseline";
    return counts + in + baseline;
  }
}
