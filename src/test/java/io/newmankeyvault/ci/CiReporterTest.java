package io.newmankeyvault.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.newmankeyvault.redact.ProtectedValues;
import io.newmankeyvault.redact.Redactor;
import io.newmankeyvault.reports.NewmanResults;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CiReporterTest {
  private static final String SECRET = "CANARY-ci-3d4e-END";

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ProtectedValues values = new ProtectedValues();

  private final RunSummary summary =
      new RunSummary(
          "Users API",
          List.of(
              new RunSummary.Variable(
                  "DB|PASSWORD", "kv.vault.azure.net", "db-password", "-", "ok")),
          new NewmanResults(
              3,
              0,
              5,
              1,
              List.of(
                  new NewmanResults.Failure(
                      "Users / Create, user",
                      "status: 201",
                      "expected '" + SECRET + "'\nto equal 'x'"))),
          1);

  @Test
  void gitHubGetsAnnotationsASummaryAndOutputs() throws IOException {
    values.add(SECRET);
    Path summaryFile = dir.resolve("summary.md");
    Path outputFile = dir.resolve("output");
    reporter(
            CiSystem.GITHUB_ACTIONS,
            Map.of(
                "GITHUB_STEP_SUMMARY", summaryFile.toString(),
                "GITHUB_OUTPUT", outputFile.toString()))
        .report(summary);

    assertThat(text())
        .isEqualTo(
            "::error title=Users / Create%2C user › status%3A 201::expected '***' to equal 'x'\n");
    assertThat(Files.readString(summaryFile))
        .contains("### newman-keyvault: Users API — tests failed")
        .contains("| assertions | 5 | 1 |")
        .contains("- Users / Create, user › **status: 201**: expected '\\*\\*\\*' to equal 'x'")
        .contains("| DB\\|PASSWORD | kv.vault.azure.net | db-password | - | ok |")
        .doesNotContain(SECRET);
    assertThat(Files.readString(outputFile)).isEqualTo("requests=3\nassertions=5\nfailures=1\n");
  }

  @Test
  void azurePipelinesGetsIssuesGroupsAndAnUploadedSummary() throws IOException {
    values.add(SECRET);
    CiReporter reporter =
        reporter(CiSystem.AZURE_PIPELINES, Map.of("AGENT_TEMPDIRECTORY", dir.toString()));
    reporter.group("phase");
    reporter.endGroup();
    reporter.report(summary);

    List<String> lines = text().lines().toList();
    assertThat(lines.get(0)).isEqualTo("##[group]phase");
    assertThat(lines.get(1)).isEqualTo("##[endgroup]");
    assertThat(lines.get(2))
        .isEqualTo(
            "##vso[task.logissue type=error]Users / Create, user › status: 201: expected '***' to"
                + " equal 'x'");
    assertThat(lines.get(3)).startsWith("##vso[task.uploadsummary]" + dir);
    Path uploaded = Path.of(lines.get(3).substring("##vso[task.uploadsummary]".length()));
    assertThat(Files.readString(uploaded)).contains("Users API").doesNotContain(SECRET);
  }

  @Test
  void aWarningIsAnAnnotationInEitherSystemRedactedAndOneLine() {
    values.add(SECRET);
    reporter(CiSystem.GITHUB_ACTIONS, Map.of()).warning("a: b", "x\ny " + SECRET + " 100%");
    reporter(CiSystem.AZURE_PIPELINES, Map.of()).warning("a", "b; c]");
    reporter(CiSystem.NONE, Map.of()).warning("a", "not printed");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            """
            ::warning title=a%3A b::x y *** 100%25
            ##vso[task.logissue type=warning]a: b%3B c%5D
            """);
  }

  /** Secrets that hold what each CI escaping changes: each must be masked, in no escaped form. */
  private static final List<String> AWKWARD =
      List.of(
          "CANARY-pct%25-and%-END",
          "CANARY-colon:comma,-END",
          "CANARY-semi;bracket]-END",
          "CANARY-pipe|angle<b>-END",
          "CANARY-spaces   and\ttab-END",
          "CANARY-amp&star*under_back`-END",
          // URL encoding of the whole value differs from the CI's escaping of a few characters.
          "CANARY-mixed: 50% off, now-END");

  @Test
  void gitHubAnnotationsRedactEachPartBeforeEscapingIt() {
    AWKWARD.forEach(values::add);
    CiReporter reporter = reporter(CiSystem.GITHUB_ACTIONS, Map.of());
    for (String secret : AWKWARD) {
      reporter.report(failing("item " + secret, "test " + secret, "expected '" + secret + "'"));
      reporter.warning("withheld " + secret, "sent to " + secret);
    }
    assertNoForm(text());
    assertThat(text())
        .contains("::error title=item *** › test ***::expected '***'")
        .contains("::warning title=withheld ***::sent to ***");
  }

  @Test
  void azureIssuesRedactEachPartBeforeEscapingIt() {
    AWKWARD.forEach(values::add);
    CiReporter reporter =
        reporter(CiSystem.AZURE_PIPELINES, Map.of("AGENT_TEMPDIRECTORY", dir.toString()));
    for (String secret : AWKWARD) {
      reporter.report(failing("item", "test " + secret, "expected '" + secret + "'"));
      reporter.warning("withheld", "sent to " + secret);
    }
    assertNoForm(text());
    assertThat(text())
        .contains("##vso[task.logissue type=error]item › test ***: expected '***'")
        .contains("##vso[task.logissue type=warning]withheld: sent to ***");
  }

  @Test
  void theJobSummaryRedactsEachCellBeforeEscapingIt() throws IOException {
    AWKWARD.forEach(values::add);
    Path summaryFile = dir.resolve("summary.md");
    CiReporter reporter =
        reporter(CiSystem.GITHUB_ACTIONS, Map.of("GITHUB_STEP_SUMMARY", summaryFile.toString()));
    for (String secret : AWKWARD) {
      reporter.report(
          new RunSummary(
              "collection " + secret,
              List.of(
                  new RunSummary.Variable("V " + secret, "kv", "s", "-", "not read: " + secret)),
              failing("item " + secret, "test " + secret, "expected '" + secret + "'").results(),
              1));
    }
    String markdown = Files.readString(summaryFile);
    assertNoForm(markdown);
    assertThat(markdown)
        .contains("### newman-keyvault: collection \\*\\*\\* — tests failed")
        .contains("- item \\*\\*\\* › **test \\*\\*\\***: expected '\\*\\*\\*'")
        .contains("| V \\*\\*\\* | kv | s | - | not read: \\*\\*\\* |");
  }

  @Test
  void markdownEscapingLeavesNoHtmlLinkOrEmphasis() {
    assertThat(JobSummary.escape("a\\b `c` *d* _e_ [f](g) ~h~ i|j <k> &l;"))
        .isEqualTo("a\\\\b \\`c\\` \\*d\\* \\_e\\_ \\[f\\](g) \\~h\\~ i\\|j &lt;k&gt; &amp;l;");
  }

  @Test
  void aGroupTitleIsOneRedactedLineThatCannotStartAnotherCommand() {
    values.add(SECRET);
    reporter(CiSystem.GITHUB_ACTIONS, Map.of()).group("phase %\n::error::forged " + SECRET);
    reporter(CiSystem.AZURE_PIPELINES, Map.of()).group("phase\r\n##vso[task.complete]" + SECRET);
    assertThat(text())
        .isEqualTo(
            """
            ::group::phase %25 ::error::forged ***
            ##[group]phase ##vso[task.complete]***
            """);
  }

  @Test
  void theAzureSummaryFileIsOwnerOnly() throws IOException {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    reporter(CiSystem.AZURE_PIPELINES, Map.of("AGENT_TEMPDIRECTORY", dir.toString()))
        .report(summary);
    String line = text().lines().filter(l -> l.contains("uploadsummary")).findFirst().orElseThrow();
    Path uploaded = Path.of(line.substring("##vso[task.uploadsummary]".length()));
    assertThat(uploaded.getParent()).isEqualTo(dir);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(uploaded)))
        .isEqualTo("rw-------");
  }

  @Test
  void aGitHubFileTheToolCreatesIsOwnerOnlyAndOneTheRunnerMadeKeepsItsMode() throws IOException {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path created = dir.resolve("new-summary.md");
    Path existing =
        Files.setPosixFilePermissions(
            Files.createFile(dir.resolve("output")), PosixFilePermissions.fromString("rw-rw-r--"));
    reporter(
            CiSystem.GITHUB_ACTIONS,
            Map.of("GITHUB_STEP_SUMMARY", created.toString(), "GITHUB_OUTPUT", existing.toString()))
        .report(summary);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing)))
        .isEqualTo("rw-rw-r--");
    assertThat(Files.readString(existing)).isEqualTo("requests=3\nassertions=5\nfailures=1\n");
  }

  @Test
  void outsideCiNothingIsPrinted() {
    CiReporter reporter = reporter(CiSystem.NONE, Map.of());
    reporter.group("x");
    reporter.report(summary);
    assertThat(text()).isEmpty();
  }

  private CiReporter reporter(CiSystem ci, Map<String, String> environment) {
    return new CiReporter(
        ci, environment, new PrintStream(out, true, StandardCharsets.UTF_8), new Redactor(values));
  }

  private static RunSummary failing(String item, String test, String message) {
    return new RunSummary(
        "c",
        List.of(),
        new NewmanResults(1, 0, 1, 1, List.of(new NewmanResults.Failure(item, test, message))),
        1);
  }

  /**
   * No awkward secret, as written or in any form a CI escaping or whitespace collapse makes of it
   * (the escapings as GitHub, Azure Pipelines and Markdown define them, written out here).
   */
  private static void assertNoForm(String text) {
    for (String secret : AWKWARD) {
      String collapsed = secret.replaceAll("\\s+", " ");
      String gitHubData = collapsed.replace("%", "%25");
      String azure = collapsed.replace("%", "%AZP25").replace("]", "%5D").replace(";", "%3B");
      for (String form :
          List.of(
              secret,
              collapsed,
              gitHubData,
              gitHubData.replace(":", "%3A").replace(",", "%2C"),
              azure,
              collapsed.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;"),
              collapsed.replaceAll("([\\\\`*_\\[\\]~|])", "\\\\$1").replace("<", "&lt;"))) {
        assertThat(text).as("a form of %s", secret).doesNotContain(form);
      }
      assertThat(text).doesNotContain(secret.substring(0, 12)); // the start of any form
    }
  }

  private String text() {
    return out.toString(StandardCharsets.UTF_8);
  }
}
