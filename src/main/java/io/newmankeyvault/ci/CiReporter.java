package io.newmankeyvault.ci;

import io.newmankeyvault.redact.Redactor;
import io.newmankeyvault.reports.NewmanResults;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * The CI system's niceties: folded log groups, error annotations for failed assertions, a job
 * summary, and (in GitHub Actions) step outputs. Every piece of text from the run is redacted
 * before it is escaped for the CI ({@link CiCommands}, {@link JobSummary}). Outside CI it does
 * nothing. Thread-safe.
 */
public final class CiReporter {
  private final CiSystem ci;
  private final Map<String, String> environment;
  private final PrintStream out;
  private final Redactor redactor;
  private final CiCommands commands;

  public CiReporter(
      CiSystem ci, Map<String, String> environment, PrintStream out, Redactor redactor) {
    this.ci = ci;
    this.environment = environment;
    this.out = out;
    this.redactor = redactor;
    this.commands = new CiCommands(ci, redactor);
  }

  /** Opens a folded group in the log. */
  public void group(String title) {
    print(commands.group(title));
  }

  /** Closes the group. */
  public void endGroup() {
    print(commands.endGroup());
  }

  /** A warning annotation (redacted), in CI only. */
  public void warning(String title, String message) {
    print(commands.annotation(CiCommands.Level.WARNING, title, message));
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
        print(commands.annotation(CiCommands.Level.ERROR, title, failure.message()));
      }
    }
    String markdown = JobSummary.markdown(summary, redactor);
    if (ci == CiSystem.GITHUB_ACTIONS) {
      append("GITHUB_STEP_SUMMARY", markdown);
      NewmanResults results = summary.results();
      if (results != null) {
        // Numbers only: no text of the run reaches the outputs.
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
      CiFiles.append(Path.of(file), text);
    } catch (IOException | RuntimeException e) {
      // The summary is a courtesy: the run's outcome does not depend on it.
    }
  }

  /**
   * Azure Pipelines uploads a summary from a file that must outlive the step: a new file with a
   * random name, owner-only from its first byte (the agent reads it as the same user).
   */
  private void uploadAzureSummary(String markdown) {
    String base =
        environment.getOrDefault("AGENT_TEMPDIRECTORY", System.getProperty("java.io.tmpdir"));
    try {
      Path file = Path.of(base, "newman-keyvault-summary-" + UUID.randomUUID() + ".md");
      CiFiles.createPrivate(file, markdown);
      print(CiCommands.uploadSummary(file));
    } catch (IOException | RuntimeException e) {
      // A courtesy, as above.
    }
  }

  /** Prints a line that {@link CiCommands} built (from redacted parts); nothing for none. */
  private void print(String line) {
    if (line.isEmpty()) {
      return;
    }
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }
}
