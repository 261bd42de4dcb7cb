package io.newmankeyvault.audit;

import io.newmankeyvault.base.TextWrap;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The default report: a table per document with findings (severity, rule, location, line,
 * fingerprint), the documents without any, what to do per rule (wrapped to 100 columns), and the
 * summary line.
 */
final class TableReport {
  /** How wide the advice is wrapped: the table itself is as wide as its locations. */
  private static final int WIDTH = 100;

  private TableReport() {}

  static String render(AuditReport report) {
    StringBuilder out = new StringBuilder();
    int ruleWidth = "RULE".length();
    int locationWidth = "LOCATION".length();
    int placeWidth = 0; // a v3 collection folder's findings name their file: FILE:LINE
    for (Finding finding : report.findings()) {
      ruleWidth = Math.max(ruleWidth, finding.rule().id().length());
      locationWidth = Math.max(locationWidth, finding.location().length());
      placeWidth =
          finding.file() == null ? placeWidth : Math.max(placeWidth, finding.place().length());
    }
    String place = placeWidth == 0 ? "%5s" : "%-" + Math.max(placeWidth, 9) + "s";
    String row = "  %-8s  %-" + ruleWidth + "s  %-" + locationWidth + "s  " + place + "  %s%n";
    Set<Rule> rules = EnumSet.noneOf(Rule.class);
    List<String> clean = new ArrayList<>();
    for (Document document : report.documents()) {
      List<Finding> findings =
          report.findings().stream()
              .filter(finding -> finding.document().equals(document))
              .toList();
      if (findings.isEmpty()) {
        clean.add(document.title());
        continue;
      }
      out.append(document.title()).append('\n');
      out.append(
          String.format(
              row,
              "SEVERITY",
              "RULE",
              "LOCATION",
              placeWidth == 0 ? "LINE" : "FILE:LINE",
              "FINGERPRINT"));
      for (Finding finding : findings) {
        out.append(
            String.format(
                row,
                finding.severity().label(),
                finding.rule().id(),
                finding.location(),
                finding.place(),
                finding.fingerprint()));
        rules.add(finding.rule());
      }
      out.append('\n');
    }
    if (!rules.isEmpty() && !clean.isEmpty()) {
      out.append("No finding in:\n");
      clean.forEach(title -> out.append("  ").append(title).append('\n'));
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
              out.append(
                      TextWrap.wrap(
                          help + " (" + String.join(", ", ids) + ")", WIDTH, "  ", "    "))
                  .append('\n'));
      out.append('\n');
    }
    out.append(report.summary()).append('\n');
    return out.toString();
  }
}
