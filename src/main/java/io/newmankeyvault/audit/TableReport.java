package io.newmankeyvault.audit;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The default report: a table per document, what to do per rule, and the summary line. */
final class TableReport {
  private TableReport() {}

  static String render(AuditReport report) {
    StringBuilder out = new StringBuilder();
    int ruleWidth = "RULE".length();
    int locationWidth = "LOCATION".length();
    for (Finding finding : report.findings()) {
      ruleWidth = Math.max(ruleWidth, finding.rule().id().length());
      locationWidth = Math.max(locationWidth, finding.location().length());
    }
    String row = "  %-8s  %-" + ruleWidth + "s  %-" + locationWidth + "s  %s%n";
    Set<Rule> rules = EnumSet.noneOf(Rule.class);
    for (Document document : report.documents()) {
      List<Finding> findings =
          report.findings().stream()
              .filter(finding -> finding.document().equals(document))
              .toList();
      if (findings.isEmpty()) {
        continue;
      }
      out.append(document.title()).append('\n');
      out.append(String.format(row, "SEVERITY", "RULE", "LOCATION", "FINGERPRINT"));
      for (Finding finding : findings) {
        out.append(
            String.format(
                row,
                finding.severity().label(),
                finding.rule().id(),
                finding.location(),
                finding.fingerprint()));
        rules.add(finding.rule());
      }
      out.append('\n');
    }
    if (!rules.isEmpty()) {
      // One line per piece of advice, with the rules it answers: the auth rules share one.
      Map<String, List<String>> advice = new LinkedHashMap<>();
      for (Rule rule : rules) {
        advice.computeIfAbsent(rule.help(), help -> new ArrayList<>()).add(rule.id());
      }
      out.append("What to do:\n");
      advice.forEach(
          (help, ids) ->
              out.append("  ")
                  .append(help)
                  .append(" (")
                  .append(String.join(", ", ids))
                  .append(")\n"));
      out.append('\n');
    }
    out.append(report.summary()).append('\n');
    return out.toString();
  }
}
