package io.newmankeyvault.ci;

import io.newmankeyvault.newman.NewmanResults;
import io.newmankeyvault.redact.Redactor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;

/**
 * The CI system's niceties: folded log groups, error annotations for failed assertions, a job
 * summary, and (in GitHub Actions) step outputs. Everything goes through the redactor first.
 * Outside CI it does nothing.
 */
public final class CiReporter {
  private final CiSystem ci;
  private final Map<String, String> environment;
  private final PrintStream out;
  private final Redactor redactor;

  public CiReporter(
      CiSystem ci, Map<String, String> environment, PrintStream out, Redactor redactor) {
    this.ci = ci;
    this.environment = environment;
    this.out = out;
    this.redactor = redactor;
  }

  /** Opens a folded group in the log. */
  public void group(String title) {
    switch (ci) {
      case GITHUB_ACTIONS -> print("::group::" + title);
      case AZURE_PIPELINES -> print("##[group]" + title);
      case NONE -> {}
    }
  }

  /** Closes the group. */
  public void endGroup() {
    switch (ci) {
      case GITHUB_ACTIONS -> print("::endgroup::");
      case AZURE_PIPELINES -> print("##[endgroup]");
      case NONE -> {}
    }
  }

  /** A warning annotation (redacted), in CI only. */
  public void warning(String title, String message) {
    if (ci == CiSystem.GITHUB_ACTIONS) {
      print("::warning title=" + escapeProperty(title) + "::" + escapeData(oneLine(message)));
    } else if (ci != CiSystem.NONE) {
      print("##vso[task.logissue type=warning]" + escapeAzure(title + ": " + oneLine(message)));
    }
  }

  /** One error annotation per failed assertion; the job summary; the step outputs. */
  public void report(RunSummary summary) {
    if (ci == CiSystem.NONE) {
      return;
    }
    if (summary.results() != null) {
      for (NewmanResults.Failure failure : summary.results().failures()) {
        String title =
            failure.item().isEmpty() ? failure.test() : failure.item() + " › " + failure.test();
        String message = oneLine(failure.message());
        if (ci == CiSystem.GITHUB_ACTIONS) {
          print(
              "::error title="
                  + escapeProperty(title)
                  + "::"
                  + escapeData(message.isEmpty() ? title : message));
        } else {
          print(
              "##vso[task.logissue type=error]"
                  + escapeAzure(title + (message.isEmpty() ? "" : ": " + message)));
        }
      }
    }
    String markdown = redactor.redact(JobSummary.markdown(summary));
    if (ci == CiSystem.GITHUB_ACTIONS) {
      append("GITHUB_STEP_SUMMARY", markdown);
      NewmanResults results = summary.results();
      if (results != null) {
        append(
            "GITHUB_OUTPUT",
            "requests="
                + results.requests()
                + "\nassertions="
                + results.assertions()
                + "\nfailures="
                + results.assertionsFailed()
                + "\n");
      }
    } else {
      uploadAzureSummary(markdown);
    }
  }

  private void append(String variable, String text) {
    String file = environment.get(variable);
    if (file == null || file.isBlank()) {
      return;
    }
    try {
      Files.writeString(
          Path.of(file),
          text,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // The summary is a courtesy: the run's outcome does not depend on it.
    }
  }

  /** Azure Pipelines uploads a summary from a file that must outlive the step. */
  private void uploadAzureSummary(String markdown) {
    String base =
        environment.getOrDefault("AGENT_TEMPDIRECTORY", System.getProperty("java.io.tmpdir"));
    Path file = Path.of(base, "newman-keyvault-summary-" + UUID.randomUUID() + ".md");
    try {
      Files.writeString(file, markdown, StandardCharsets.UTF_8);
      print("##vso[task.uploadsummary]" + file);
    } catch (IOException e) {
      // A courtesy, as above.
    }
  }

  private void print(String line) {
    String redacted = redactor.redact(line);
    synchronized (out) {
      out.println(redacted);
      out.flush();
    }
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }

  /** GitHub's escaping of command data. */
  static String escapeData(String text) {
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** GitHub's escaping of command properties. */
  static String escapeProperty(String text) {
    return escapeData(text).replace(":", "%3A").replace(",", "%2C");
  }

  /** Azure Pipelines' escaping of logging command messages. */
  static String escapeAzure(String text) {
    return text.replace("%", "%AZP25")
        .replace("\r", "%0D")
        .replace("\n", "%0A")
        .replace("]", "%5D")
        .replace(";", "%3B");
  }
}
