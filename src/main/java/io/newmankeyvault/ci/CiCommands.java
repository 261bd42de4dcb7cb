package io.newmankeyvault.ci;

import io.newmankeyvault.redact.Redactor;
import java.nio.file.Path;

/**
 * The one place that builds the CI system's logging command lines. Every part that comes from the
 * run (a title, a message, a name) is redacted first, then put on one line, and only then escaped
 * the way the CI system unescapes it: the redactor sees the text as the secret was written, and the
 * escaped form it could not recognise never holds one. Thread-safe.
 */
final class CiCommands {
  /** Annotation levels, as both systems spell them. */
  enum Level {
    ERROR("error"),
    WARNING("warning");

    private final String word;

    Level(String word) {
      this.word = word;
    }
  }

  private final CiSystem ci;
  private final Redactor redactor;

  CiCommands(CiSystem ci, Redactor redactor) {
    this.ci = ci;
    this.redactor = redactor;
  }

  /**
   * A part of a line as the run gave it, redacted and then on one line. Redaction comes first: a
   * secret holding a run of spaces, a tab or a line break no longer reads as itself once collapsed.
   */
  String text(String part) {
    return redactor.redact(part).replaceAll("\\s+", " ").strip();
  }

  /** Opens a folded group; none outside CI. */
  String group(String title) {
    return switch (ci) {
      case GITHUB_ACTIONS -> "::group::" + escapeData(text(title));
      // A formatting command: the agent shows the rest of the line as it is, so one line is all.
      case AZURE_PIPELINES -> "##[group]" + text(title);
      case NONE -> "";
    };
  }

  /** Closes the group; none outside CI. */
  String endGroup() {
    return switch (ci) {
      case GITHUB_ACTIONS -> "::endgroup::";
      case AZURE_PIPELINES -> "##[endgroup]";
      case NONE -> "";
    };
  }

  /**
   * An annotation: GitHub shows the title apart from the message (the title alone when there is no
   * message); Azure Pipelines has no title, so it leads the message. None outside CI.
   */
  String annotation(Level level, String title, String message) {
    String head = text(title);
    String body = text(message);
    return switch (ci) {
      case GITHUB_ACTIONS ->
          "::"
              + level.word
              + " title="
              + escapeProperty(head)
              + "::"
              + escapeData(body.isEmpty() ? head : body);
      case AZURE_PIPELINES ->
          "##vso[task.logissue type="
              + level.word
              + "]"
              + escapeAzure(body.isEmpty() ? head : head + ": " + body);
      case NONE -> "";
    };
  }

  /** Azure Pipelines' command that attaches a Markdown file to the run's summary. */
  static String uploadSummary(Path file) {
    // The tool's own path (the agent's temp directory and a random name): escaped, not redacted.
    return "##vso[task.uploadsummary]" + escapeAzure(file.toString());
  }

  /** GitHub's escaping of command data (what @actions/core's escapeData does). */
  static String escapeData(String text) {
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** GitHub's escaping of command properties (@actions/core's escapeProperty). */
  static String escapeProperty(String text) {
    return escapeData(text).replace(":", "%3A").replace(",", "%2C");
  }

  /**
   * Azure Pipelines' escaping of logging command text: the agent turns {@code %AZP25} back into
   * {@code %} (percent decoding has been on by default since 2021) and {@code %0D}, {@code %0A},
   * {@code %5D}, {@code %3B} into CR, LF, {@code ]} and {@code ;}.
   */
  static String escapeAzure(String text) {
    return text.replace("%", "%AZP25")
        .replace("\r", "%0D")
        .replace("\n", "%0A")
        .replace("]", "%5D")
        .replace(";", "%3B");
  }
}
