package io.newmankeyvault.ci;

import io.newmankeyvault.redact.Redactor;
import io.newmankeyvault.reports.NewmanResults;

/**
 * The Markdown job summary: Newman's totals, the failed assertions, the variables' sources. Each
 * piece of text from the run is redacted before it is escaped as Markdown.
 */
final class JobSummary {
  private final Redactor redactor;

  private JobSummary(Redactor redactor) {
    this.redactor = redactor;
  }

  /** The summary's Markdown; every text of the run in it is redacted, then escaped. */
  static String markdown(RunSummary summary, Redactor redactor) {
    return new JobSummary(redactor).build(summary);
  }

  private String build(RunSummary summary) {
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

  /**
   * Text of the run, safe in a Markdown table cell or list item: redacted first (a secret holding a
   * run of spaces, a {@code |} or a {@code <} no longer reads as itself once escaped), then on one
   * line, with no HTML, links or emphasis of its own: {@code ***} stays three asterisks.
   */
  private String cell(String text) {
    String line = redactor.redact(text).replaceAll("\\s+", " ").strip();
    return escape(line);
  }

  /** Markdown's escaping of one line of text (backslashes for punctuation, entities for HTML). */
  static String escape(String line) {
    StringBuilder escaped = new StringBuilder(line.length() + 16);
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      switch (c) {
        case '\\', '`', '*', '_', '[', ']', '~', '|' -> escaped.append('\\').append(c);
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
