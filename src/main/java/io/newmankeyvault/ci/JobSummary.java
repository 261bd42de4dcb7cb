package io.newmankeyvault.ci;

import io.newmankeyvault.newman.NewmanResults;

/** The Markdown job summary: Newman's totals, the failed assertions, the variables' sources. */
final class JobSummary {
  private JobSummary() {}

  static String markdown(RunSummary summary) {
    StringBuilder md = new StringBuilder();
    NewmanResults results = summary.results();
    String verdict =
        switch (summary.exitCode()) {
          case 0 -> results == null ? "plan checked" : "passed";
          case 1 -> "tests failed";
          default -> "failed (exit " + summary.exitCode() + ")";
        };
    md.append("### newman-keyvault: ")
        .append(cell(summary.collection()))
        .append(" — ")
        .append(verdict)
        .append("\n\n");
    if (results != null) {
      md.append("| | executed | failed |\n| --- | ---: | ---: |\n");
      md.append("| requests | ")
          .append(results.requests())
          .append(" | ")
          .append(results.requestsFailed())
          .append(" |\n");
      md.append("| assertions | ")
          .append(results.assertions())
          .append(" | ")
          .append(results.assertionsFailed())
          .append(" |\n\n");
      if (!results.failures().isEmpty()) {
        md.append("**Failures**\n\n");
        for (NewmanResults.Failure failure : results.failures()) {
          md.append("- ");
          if (!failure.item().isEmpty()) {
            md.append(cell(failure.item())).append(" › ");
          }
          md.append("**").append(cell(failure.test())).append("**");
          if (!failure.message().isBlank()) {
            md.append(": ").append(cell(failure.message()));
          }
          md.append('\n');
        }
        md.append('\n');
      }
    }
    if (!summary.variables().isEmpty()) {
      md.append("<details><summary>")
          .append(summary.variables().size())
          .append(" variables from secrets (names only, no values)</summary>\n\n");
      md.append(
          """
          | Variable | Vault | Secret | Allowed domains | Status |
          | --- | --- | --- | --- | --- |
          """);
      for (RunSummary.Variable variable : summary.variables()) {
        md.append("| ")
            .append(cell(variable.name()))
            .append(" | ")
            .append(cell(variable.vault()))
            .append(" | ")
            .append(cell(variable.secret()))
            .append(" | ")
            .append(cell(variable.allowedDomains()))
            .append(" | ")
            .append(cell(variable.status()))
            .append(" |\n");
      }
      md.append("\n</details>\n\n");
    }
    return md.toString();
  }

  /** Text safe in a Markdown table cell: one line, pipes escaped, no HTML. */
  private static String cell(String text) {
    return text.replaceAll("\\s+", " ")
        .strip()
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;");
  }
}
