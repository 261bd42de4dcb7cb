package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.newmankeyvault.testing.FakePostmanApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leak matrix: the jar and real Newman in GitHub Actions mode, with canaries of every shape
 * (plain; quotes and a backslash; a space and a slash; 100 characters logged by a script; a
 * multi-line PEM-like key), in every scenario that prints or writes: success, a failing assertion
 * that quotes secrets, secrets in a query string, all four reporters, a Postman 401, a missing
 * secret, a malformed environment and SIGTERM mid-run. After each, no 16-character piece of any
 * canary, in any encoding, may be in stdout, stderr, a report or the temporary directory; the only
 * lines allowed to hold one are the {@code ::add-mask::} commands.
 */
class LeakMatrixIT {
  private static final Path FIXTURES = Jar.projectDir().resolve("test-fixtures").resolve("leaks");
  private static final String POSTMAN_KEY = "PMAK-CANARY-" + UUID.randomUUID() + "-END";

  @TempDir Path runnerTemp;
  @TempDir Path work;
  @TempDir Path inputs; // the tests' own files, which hold canaries on purpose

  private RecordingServer server;
  private List<String> canaries;

  @BeforeEach
  void start() throws IOException {
    server = RecordingServer.start();
    canaries = new ArrayList<>(LeakSearch.secretsFileValues(FIXTURES.resolve("leak.secrets")));
    canaries.add(POSTMAN_KEY);
    assertThat(canaries).hasSize(6);
    assertThat(canaries.get(3)).hasSizeGreaterThanOrEqualTo(100);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void success() throws Exception {
    Jar.Result result =
        run(
            "--reports-dir",
            reports().toString(),
            "--",
            "--env-var",
            base(),
            "--env-var",
            "hang_path=done");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertSentIntact();
    assertNoLeak(result);
  }

  @Test
  void aFailingAssertionThatQuotesSecrets() throws Exception {
    Jar.Result result =
        run(
            "--reports-dir",
            reports().toString(),
            "--",
            "--env-var",
            base(),
            "--env-var",
            "hang_path=done",
            "--env-var",
            "fail=yes",
            "--reporters",
            "cli,junit");
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.stdout())
        .contains("a failing assertion that quotes secrets", "AssertionError");
    assertThat(result.stdout())
        .contains(
            "::error title=secrets in the query string › a failing assertion that quotes secrets::");
    assertThat(Files.readString(work.resolve("step-summary.md")))
        .contains(
            "tests failed",
            "| assertions | 3 | 2 |",
            "**and a short one**",
            // The real source, not the vault the reference names (kv-leaks.vault.azure.net).
            "| plain | secrets file "
                + FIXTURES.resolve("leak.secrets")
                + " | leak-plain | anywhere (no allowed domains) | ok |");
    assertThat(Files.readString(work.resolve("github-output")))
        .isEqualTo("requests=3\nassertions=3\nfailures=2\n");
    assertNoLeak(result);
  }

  @Test
  void everyReporterWritesOnlyRedactedFiles() throws Exception {
    Jar.Result result =
        run(
            "--reports-dir",
            reports().toString(),
            "--",
            "--env-var",
            base(),
            "--env-var",
            "hang_path=done",
            "--reporters",
            "cli,json,junit,htmlextra",
            "--verbose");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    try (Stream<Path> files = Files.list(reports())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.endsWith(".json"))
          .anyMatch(n -> n.endsWith(".xml"))
          .anyMatch(n -> n.endsWith(".html"));
    }
    String json = readAll(reports(), ".json");
    assertThat(json).containsPattern("\"type\":\\s*\"Buffer\"").contains("***");
    assertNoLeak(result);
  }

  @Test
  void anExportPathOutsideTheReportsDirectoryIsScrubbedToo() throws Exception {
    Path export = work.resolve("elsewhere").resolve("run.json");
    Jar.Result result =
        run(
            "--",
            "--env-var",
            base(),
            "--env-var",
            "hang_path=done",
            "--reporters",
            "cli,json",
            "--reporter-json-export",
            export.toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(export).exists();
    assertNoLeak(result);
  }

  @Test
  void aPostmanKeyThatIsRejected() throws Exception {
    try (FakePostmanApi postman = new FakePostmanApi("PMAK-the-right-one")) {
      Jar.Result result =
          Jar.start(
                  runnerTemp,
                  List.of(),
                  environment(),
                  "-c",
                  "12345678-" + UUID.randomUUID(),
                  "--postman-api-url",
                  postman.url(),
                  "--secrets-file",
                  FIXTURES.resolve("leak.secrets").toString())
              .await(Jar.TIMEOUT);
      assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
      assertThat(result.stdout()).contains("::add-mask::" + POSTMAN_KEY);
      assertNoLeak(result);
    }
  }

  @Test
  void aMissingSecret() throws Exception {
    Path partial =
        Files.writeString(
            inputs.resolve("partial.secrets"),
            Files.readString(FIXTURES.resolve("leak.secrets"))
                .replaceAll("(?m)^leak-plain=.*$", ""));
    Jar.Result result =
        Jar.start(
                runnerTemp,
                List.of(),
                environment(),
                "-c",
                FIXTURES.resolve("collection.json").toString(),
                "-e",
                FIXTURES.resolve("environment.json").toString(),
                "--secrets-file",
                partial.toString(),
                "--newman",
                Jar.newman().toString(),
                "--",
                "--env-var",
                base())
            .await(Jar.TIMEOUT);
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
    assertThat(result.stderr()).contains("secret 'leak-plain'", "not found");
    assertThat(server.requests()).isEmpty();
    assertNoLeak(result);
  }

  @Test
  void aMalformedEnvironmentHoldingASecret() throws Exception {
    Path broken =
        Files.writeString(
            inputs.resolve("broken.json"),
            "{\"values\":[{\"key\":\"k\",\"value\":\"" + canaries.get(0) + "\"},]}");
    Jar.Result result =
        Jar.start(
                runnerTemp,
                List.of(),
                environment(),
                "-c",
                FIXTURES.resolve("collection.json").toString(),
                "-e",
                broken.toString(),
                "--secrets-file",
                FIXTURES.resolve("leak.secrets").toString())
            .await(Jar.TIMEOUT);
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.stderr()).contains("is not valid JSON (line 1");
    assertNoLeak(result);
  }

  @Test
  void sigtermMidRun() throws Exception {
    Jar.Running running =
        Jar.start(
            runnerTemp,
            List.of(),
            environment(),
            "-c",
            FIXTURES.resolve("collection.json").toString(),
            "-e",
            FIXTURES.resolve("environment.json").toString(),
            "--secrets-file",
            FIXTURES.resolve("leak.secrets").toString(),
            "--newman",
            Jar.newman().toString(),
            "--reports-dir",
            reports().toString(),
            "--",
            "--env-var",
            base(),
            "--env-var",
            "hang_path=hang",
            "--reporters",
            "cli,json");
    assertThat(
            server.await(r -> r.path().equals(RecordingServer.HANG_PATH), Duration.ofSeconds(30)))
        .as(running.stdoutSoFar())
        .isPresent();
    running.process.destroy(); // SIGTERM
    Jar.Result result = running.await(Jar.TIMEOUT);
    assertThat(result.exitCode()).isNotZero();
    assertNoLeak(result);
  }

  // ---------------------------------------------------------------------------------------------

  private Jar.Result run(String... args) throws Exception {
    List<String> all =
        new ArrayList<>(
            List.of(
                "-c", FIXTURES.resolve("collection.json").toString(),
                "-e", FIXTURES.resolve("environment.json").toString(),
                "--secrets-file", FIXTURES.resolve("leak.secrets").toString(),
                "--newman", Jar.newman().toString()));
    all.addAll(List.of(args));
    return Jar.start(runnerTemp, List.of(), environment(), all.toArray(String[]::new))
        .await(Jar.TIMEOUT);
  }

  /** GitHub Actions, with the step summary and outputs files in the scanned work directory. */
  private Map<String, String> environment() {
    return Map.of(
        "GITHUB_ACTIONS",
        "true",
        "POSTMAN_API_KEY",
        POSTMAN_KEY,
        "GITHUB_STEP_SUMMARY",
        work.resolve("step-summary.md").toString(),
        "GITHUB_OUTPUT",
        work.resolve("github-output").toString());
  }

  private String base() {
    return "baseUrl=" + server.baseUrl();
  }

  private Path reports() {
    return work.resolve("reports");
  }

  /** Newman really sent the secrets: the matrix would prove nothing otherwise. */
  private void assertSentIntact() {
    RecordedRequest query = server.only("/echo/query");
    assertThat(query.queryParameter("token")).containsExactly(canaries.get(0));
    assertThat(query.queryParameter("path")).containsExactly(canaries.get(2));
    assertThat(server.only("/echo/body").bodyText())
        .contains("CANARYMIIEvQIBADANBgkqhkiG9w0BAQEFAAS");
  }

  /**
   * No piece of any canary, in any encoding, in the output (masking commands aside), in any file
   * under the work directory (reports) or left in RUNNER_TEMP.
   */
  private void assertNoLeak(Jar.Result result) throws IOException {
    LeakSearch search = LeakSearch.of(canaries);
    search.assertNone("stdout/stderr", LeakSearch.withoutMaskCommands(result));
    for (Path dir : List.of(work, runnerTemp)) {
      search.assertNoneUnder(dir, Set.of());
    }
    assertThat(Jar.entries(runnerTemp)).as("left behind in RUNNER_TEMP").isEmpty();
  }

  private static String readAll(Path dir, String suffix) throws IOException {
    StringBuilder text = new StringBuilder();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(p -> p.toString().endsWith(suffix)).toList()) {
        text.append(Files.readString(file));
      }
    }
    return text.toString();
  }
}
