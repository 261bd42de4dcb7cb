package io.newmankeyvault.ci;

import static org.assertj.core.api.Assertions.assertThat;

import io.newmankeyvault.newman.NewmanResults;
import io.newmankeyvault.redact.ProtectedValues;
import io.newmankeyvault.redact.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        .contains("- Users / Create, user › **status: 201**: expected '***' to equal 'x'")
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

  private String text() {
    return out.toString(StandardCharsets.UTF_8);
  }
}
