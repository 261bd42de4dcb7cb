package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newmankeyvault.testing.FakePostmanApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The leak matrix: the jar and real Newman in GitHub Actions mode, with canaries of every shape
 * (plain; quotes and a backslash; a space and a slash; 100 characters logged by a script; a
 * multi-line PEM-like key), in every scenario that prints or writes: success, a failing assertion
 * that quotes secrets, secrets in a query string, all four reporters, a Postman 401, a missing
 * secret, a malformed environment and SIGTERM mid-run. After each, no 16-character piece of any
 * canary, in any encoding, may be in stdout, stderr, a report or the temporary directory; the only
 * lines allowed to hold one are the {@code ::add-mask::} commands.
 *
 * <p>Each case runs with Newman and with the Postman CLI on the v2.1 collection ({@link
 * LeakRunner}); the success also with the CLI on the collection's v3 folder (the CLI's only
 * reporter there is cli). With the CLI, every reporter it has (json, junit, html) is the CLI's
 * known report leak: its own reports keep resolved values in {@code requestExecuted.url.query} and
 * headers (JSON) and in headers (HTML), shown here by a plain CLI run beside the tool's. The CLI
 * writes its log under HOME, which is the test's and scanned too.
 */
class LeakMatrixIT {
  private static final Path FIXTURES = Jar.projectDir().resolve("test-fixtures").resolve("leaks");
  private static final String POSTMAN_KEY = "PMAK-CANARY-" + UUID.randomUUID() + "-END";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path runnerTemp;
  @TempDir Path work;
  @TempDir Path inputs; // the tests' own files, which hold canaries on purpose
  @TempDir Path home; // the Postman CLI's HOME (its log)

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

  @ParameterizedTest
  @EnumSource(LeakRunner.class)
  void success(LeakRunner runner) throws Exception {
    Jar.Result result =
        run(
            runner,
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

  @ParameterizedTest
  @EnumSource(names = {"NEWMAN", "POSTMAN_CLI"})
  void aFailingAssertionThatQuotesSecrets(LeakRunner runner) throws Exception {
    Jar.Result result =
        run(
            runner,
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
    assertThat(result.stdout()).contains("a failing assertion that quotes secrets");
    if (!runner.isNewman()) {
      // The CI annotations, summary and outputs come from Newman's captured results.
      assertNoLeak(result);
      return;
    }
    assertThat(result.stdout()).contains("AssertionError");
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

  @ParameterizedTest
  @EnumSource(names = {"NEWMAN", "POSTMAN_CLI"})
  void everyReporterWritesOnlyRedactedFiles(LeakRunner runner) throws Exception {
    Jar.Result result =
        run(
            runner,
            "--reports-dir",
            reports().toString(),
            "--",
            "--env-var",
            base(),
            "--env-var",
            "hang_path=done",
            "--reporters",
            runner.everyReporter(),
            "--verbose");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    try (Stream<Path> files = Files.list(reports())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.endsWith(".json"))
          .anyMatch(n -> n.endsWith(".xml"))
          .anyMatch(n -> n.endsWith(".html"));
    }
    String json = readAll(reports(), ".json");
    if (runner.isNewman()) {
      assertThat(json).containsPattern("\"type\":\\s*\"Buffer\"").contains("***");
    } else {
      // Where the plain CLI's report holds the values (see below), the tool's holds ***; it parses.
      JsonNode request = MAPPER.readTree(json).at("/run/executions/0/requestExecuted");
      assertThat(request.at("/url/query/0/value").asText()).isEqualTo("***");
      assertThat(request.toString()).contains("Bearer ***");
      assertThat(readAll(reports(), ".html")).contains("Bearer ***", "</html>");
      assertThePlainCliLeaks();
    }
    assertNoLeak(result);
  }

  /**
   * The plain Postman CLI, given the same secrets by hand, keeps them in its JSON report's {@code
   * requestExecuted.url.query} and headers and in its HTML report's headers: the leak the tool's
   * reports above are checked for.
   */
  private void assertThePlainCliLeaks() throws Exception {
    Map<String, String> secrets = LeakSearch.secretsFile(FIXTURES.resolve("leak.secrets"));
    StringBuilder values = new StringBuilder("{\"values\":[");
    Map<String, String> entries = new java.util.LinkedHashMap<>();
    entries.put("plain", secrets.get("leak-plain"));
    entries.put("quote", secrets.get("leak-quote"));
    entries.put("pem", secrets.get("leak-pem"));
    entries.put("vault:leak-long", secrets.get("leak-long"));
    entries.put("vault:leak-space-slash", secrets.get("leak-space-slash"));
    entries.forEach(
        (key, value) -> {
          values.append(values.length() > 11 ? "," : "");
          values
              .append("{\"key\":")
              .append(json(key))
              .append(",\"value\":")
              .append(json(value))
              .append(",\"enabled\":true}");
        });
    Path environment =
        Files.writeString(inputs.resolve("by-hand.json"), values.append("]}").toString());
    Path plainJson = inputs.resolve("plain.json");
    Path plainHtml = inputs.resolve("plain.html");
    ProcessBuilder builder =
        new ProcessBuilder(
                Jar.POSTMAN_CLI.toString(),
                "collection",
                "run",
                FIXTURES.resolve("collection.json").toString(),
                "-e",
                environment.toString(),
                "--no-report-events",
                "--env-var",
                base(),
                "--env-var",
                "hang_path=done",
                "-r",
                "json,html",
                "--reporter-json-export",
                plainJson.toString(),
                "--reporter-html-export",
                plainHtml.toString())
            .directory(inputs.toFile())
            .redirectErrorStream(true)
            .redirectOutput(inputs.resolve("plain.out").toFile());
    builder.environment().put("HOME", inputs.toString());
    Process plain = builder.start();
    assertThat(plain.waitFor(Jar.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    JsonNode request = MAPPER.readTree(plainJson.toFile()).at("/run/executions/0/requestExecuted");
    assertThat(request.at("/url/query/0/value").asText()).isEqualTo(canaries.get(0));
    assertThat(request.toString()).contains(secrets.get("leak-long"));
    assertThat(Files.readString(plainHtml)).contains(secrets.get("leak-long"));
  }

  private static String json(String value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"NEWMAN", "POSTMAN_CLI"})
  void anExportPathOutsideTheReportsDirectoryIsScrubbedToo(LeakRunner runner) throws Exception {
    Path export = work.resolve("elsewhere").resolve("run.json");
    Jar.Result result =
        run(
            runner,
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

  @ParameterizedTest
  @EnumSource(names = {"NEWMAN", "POSTMAN_CLI"})
  void aPostmanKeyThatIsRejected(LeakRunner runner) throws Exception {
    try (FakePostmanApi postman = new FakePostmanApi("PMAK-the-right-one")) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "-c",
                  "12345678-" + UUID.randomUUID(),
                  "--postman-api-url",
                  postman.url(),
                  "--secrets-file",
                  FIXTURES.resolve("leak.secrets").toString()));
      args.addAll(runner.options());
      Jar.Result result =
          Jar.start(runnerTemp, List.of(), environment(runner), args.toArray(String[]::new))
              .await(Jar.TIMEOUT);
      assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
      assertThat(result.stdout()).contains("::add-mask::" + POSTMAN_KEY);
      assertNoLeak(result);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"NEWMAN", "POSTMAN_CLI"})
  void aMissingSecret(LeakRunner runner) throws Exception {
    Path partial =
        Files.writeString(
            inputs.resolve("partial.secrets"),
            Files.readString(FIXTURES.resolve("leak.secrets"))
                .replaceAll("(?m)^leak-plain=.*$", ""));
    List<String> args =
        runner.run(FIXTURES.resolve("collection.json"), partial, "--", "--env-var", base());
    Jar.Result result =
        Jar.start(runnerTemp, List.of(), environment(runner), args.toArray(String[]::new))
            .await(Jar.TIMEOUT);
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
    assertThat(result.stderr()).contains("secret 'leak-plain'", "not found");
    assertThat(server.requests()).isEmpty();
    assertNoLeak(result);
  }

  @ParameterizedTest
  @EnumSource(names = {"NEWMAN", "POSTMAN_CLI"})
  void aMalformedEnvironmentHoldingASecret(LeakRunner runner) throws Exception {
    Path broken =
        Files.writeString(
            inputs.resolve("broken.json"),
            "{\"values\":[{\"key\":\"k\",\"value\":\"" + canaries.get(0) + "\"},]}");
    List<String> args = runner.run(FIXTURES.resolve("collection.json"));
    args.addAll(
        List.of(
            "-e",
            broken.toString(),
            "--secrets-file",
            FIXTURES.resolve("leak.secrets").toString()));
    Jar.Result result =
        Jar.start(runnerTemp, List.of(), environment(runner), args.toArray(String[]::new))
            .await(Jar.TIMEOUT);
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.stderr()).contains("is not valid JSON (line 1");
    assertNoLeak(result);
  }

  /**
   * With the Postman CLI, the hydrated environment is a 0600 file in the private directory while
   * the CLI runs; after the SIGTERM it is gone (RUNNER_TEMP is empty) and so is the CLI.
   */
  @ParameterizedTest
  @EnumSource(names = {"NEWMAN", "POSTMAN_CLI"})
  void sigtermMidRun(LeakRunner runner) throws Exception {
    List<String> args =
        runner.run(
            FIXTURES.resolve("collection.json"),
            FIXTURES.resolve("leak.secrets"),
            "--reports-dir",
            reports().toString(),
            "--",
            "--env-var",
            base(),
            "--env-var",
            "hang_path=hang",
            "--reporters",
            "cli,json");
    Jar.Running running =
        Jar.start(runnerTemp, List.of(), environment(runner), args.toArray(String[]::new));
    assertThat(
            server.await(r -> r.path().equals(RecordingServer.HANG_PATH), Duration.ofSeconds(60)))
        .as(running.stdoutSoFar())
        .isPresent();
    List<ProcessHandle> processes = runner.awaitProcesses(running);
    if (!runner.isNewman()) {
      try (Stream<Path> files = Files.walk(runnerTemp)) {
        assertThat(files.map(p -> p.getFileName().toString())).contains("environment.json");
      }
    }
    running.process.destroy(); // SIGTERM
    Jar.Result result = running.await(Jar.TIMEOUT);
    assertThat(result.exitCode()).isNotZero();
    Jar.assertEnded(processes);
    assertNoLeak(result);
  }

  // ---------------------------------------------------------------------------------------------

  private Jar.Result run(LeakRunner runner, String... args) throws Exception {
    List<String> all =
        runner.run(FIXTURES.resolve("collection.json"), FIXTURES.resolve("leak.secrets"), args);
    return Jar.start(runnerTemp, List.of(), environment(runner), all.toArray(String[]::new))
        .await(Jar.TIMEOUT);
  }

  /**
   * GitHub Actions, with the step summary and outputs files in the scanned work directory; the
   * runner's HOME.
   */
  private Map<String, String> environment(LeakRunner runner) {
    Map<String, String> environment = new HashMap<>(runner.environment(home));
    environment.putAll(
        Map.of(
            "GITHUB_ACTIONS",
            "true",
            "POSTMAN_API_KEY",
            POSTMAN_KEY,
            "GITHUB_STEP_SUMMARY",
            work.resolve("step-summary.md").toString(),
            "GITHUB_OUTPUT",
            work.resolve("github-output").toString()));
    return environment;
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
    for (Path dir : List.of(work, runnerTemp, home)) {
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
