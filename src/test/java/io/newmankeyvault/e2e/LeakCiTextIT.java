package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.newmankeyvault.testing.FakePostmanApi;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The leaks of CI text and of inputs (issue 24, items 4 and 7), with the jar and real Newman, in
 * the way of {@link LeakMatrixIT}: after each case no 16-character piece of any canary, as written
 * or in any form an escaping makes of it (JSON, URL, HTML, base64, and the CI's own: GitHub's
 * command data and properties, Azure Pipelines' {@code %AZP25}, Markdown cells, collapsed
 * whitespace), may be in stdout, stderr, the step summary, GITHUB_OUTPUT, the Azure summary file, a
 * fetched document or RUNNER_TEMP; the only lines allowed to hold one are the masking commands.
 *
 * <p>The cases that run a collection run with Newman and with the Postman CLI on the v2.1 JSON
 * ({@link LeakRunner}). With the CLI the annotations, the step summary and the outputs are not
 * checked for content: the tool makes them from Newman's captured results, which the CLI does not
 * give; its console (test names, assertion messages) is. The Azure Pipelines case runs with Newman
 * only: it differs from the GitHub one only in the CI's escaping of those annotations. The other
 * cases end before any runner starts (a dry run, an input refused, fetch) and are the same for
 * both.
 */
class LeakCiTextIT {
  private static final Path FIXTURES =
      Jar.projectDir().resolve("test-fixtures").resolve("leaks-ci");
  private static final String KEY = "PMAK-CANARY-" + UUID.randomUUID() + "-END";
  private static final String OTHER = "PMAK-CANARY-other-" + UUID.randomUUID() + "-END";
  private static final String COLLECTION = "12345678-" + UUID.randomUUID();
  private static final String ENVIRONMENT = "12345678-" + UUID.randomUUID();
  private static final int WINDOW = 16;

  @TempDir Path runnerTemp;
  @TempDir Path work;
  @TempDir Path home; // the Postman CLI's HOME (its log)

  private RecordingServer server;
  private List<String> canaries;

  @BeforeEach
  void start() throws IOException {
    server = RecordingServer.start();
    canaries = new ArrayList<>(LeakSearch.secretsFileValues(FIXTURES.resolve("ci.secrets")));
    assertThat(canaries).hasSize(5);
    canaries.add(KEY);
    canaries.add(OTHER);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  // ---------------------------------------------------------------- item 4: CI text

  @ParameterizedTest
  @EnumSource(names = {"NEWMAN", "POSTMAN_CLI"})
  void gitHubAnnotationsAndTheStepSummaryHoldNoEscapedSecret(LeakRunner runner) throws Exception {
    Jar.Result result = runCiCollection(runner, gitHub());
    assertNoLeak(result);
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    if (!runner.isNewman()) {
      assertThat(result.stdout()).contains("ci_pct is ***");
      return;
    }
    assertThat(result.stdout())
        .contains(
            "::error title=secrets in test names and assertion messages › ci_pct is ***::expected"
                + " '***' to equal 'nope'",
            "› ci_title is ***::",
            "› ci_spaces is ***::expected '***'");
    assertThat(Files.readString(work.resolve("step-summary.md")))
        .contains("| assertions | 5 | 5 |", "› **ci\\_pipe is \\*\\*\\***: expected '\\*\\*\\*'");
    assertThat(Files.readString(work.resolve("github-output")))
        .isEqualTo("requests=1\nassertions=5\nfailures=5\n");
  }

  @Test
  void azurePipelinesIssuesAndTheSummaryFileHoldNoEscapedSecretAndTheFileIsOwnerOnly()
      throws Exception {
    Path agentTemp = Files.createDirectories(work.resolve("agent-temp"));
    Map<String, String> azure =
        Map.of("TF_BUILD", "True", "AGENT_TEMPDIRECTORY", agentTemp.toString());
    Jar.Result result = runCiCollection(LeakRunner.NEWMAN, azure);
    assertNoLeak(result);
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.stdout())
        .contains(
            "##vso[task.logissue type=error]secrets in test names and assertion messages › ci_azure"
                + " is ***: expected '***' to equal 'nope'");
    String upload =
        result
            .stdout()
            .lines()
            .filter(l -> l.startsWith("##vso[task.uploadsummary]"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(result.toString()));
    Path summary = Path.of(upload.substring("##vso[task.uploadsummary]".length()));
    assertThat(summary.getParent()).isEqualTo(agentTemp);
    assertThat(Files.readString(summary)).contains("| assertions | 5 | 5 |");
    assumeTrue(summary.getFileSystem().supportedFileAttributeViews().contains("posix"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(summary)))
        .as("the summary file is readable by its owner only")
        .isEqualTo("rw-------");
  }

  // ---------------------------------------------------------------- item 7: inputs

  @ParameterizedTest
  @EnumSource(names = {"NEWMAN", "POSTMAN_CLI"})
  void aCollectionAndEnvironmentGivenAsUrlsWithTheirKeyRunWithTheKeyMasked(LeakRunner runner)
      throws Exception {
    try (FakePostmanApi postman = postman()) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "-c",
                  postman.url() + "/collections/" + COLLECTION + "?apikey=" + KEY,
                  "-e",
                  postman.url() + "/environments/" + ENVIRONMENT + "?apiKey=" + KEY,
                  "--postman-api-url",
                  postman.url()));
      args.addAll(runner.options());
      Map<String, String> environment = new HashMap<>(gitHub());
      environment.putAll(runner.environment(home));
      Jar.Result result =
          Jar.start(runnerTemp, List.of(), environment, args.toArray(String[]::new))
              .await(Jar.TIMEOUT);
      assertNoLeak(result);
      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(result.stdout().lines().findFirst()).contains("::add-mask::" + KEY);
      assertThat(result.stderr())
          .contains("warning: the collection URL carries the Postman API key");
      assertThat(server.requests()).as("Newman ran the downloaded collection").hasSize(1);
      assertOnlyInTheHeader(postman, KEY);
    }
  }

  @Test
  void aKeyInAUserPartOrAFragmentIsMaskedAndNeverQuoted() throws Exception {
    try (FakePostmanApi postman = postman()) {
      String withUser = postman.url().replace("http://", "http://robot:" + OTHER + "@");
      Jar.Result result =
          Jar.start(
                  runnerTemp,
                  List.of(),
                  gitHub(),
                  "-c",
                  withUser + "/collections/" + COLLECTION + "#apikey=" + KEY,
                  "--postman-api-url",
                  postman.url(),
                  "--dry-run")
              .await(Jar.TIMEOUT);
      assertNoLeak(result);
      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(result.stdout()).contains("::add-mask::" + KEY, "::add-mask::" + OTHER);
      assertOnlyInTheHeader(postman, KEY);
    }
  }

  @Test
  void aUrlThatIsNotThePostmanApiIsNeverQuotedWithItsCredentials() throws Exception {
    Jar.Result result =
        Jar.start(
                runnerTemp,
                List.of(),
                gitHub(),
                "-c",
                "https://robot:" + OTHER + "@example.com/collection.json?token=" + KEY,
                "--secrets-file",
                FIXTURES.resolve("ci.secrets").toString())
            .await(Jar.TIMEOUT);
    assertNoLeak(result);
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.stderr()).contains("collection https://example.com is a URL but not");
  }

  @Test
  void aBadPostmanApiUrlIsNeverQuoted() throws Exception {
    Jar.Result result =
        Jar.start(
                runnerTemp,
                List.of(),
                gitHub(),
                "-c",
                COLLECTION,
                "--postman-api-url",
                "https://robot:" + KEY + "@api.example.com/ v1",
                "--dry-run")
            .await(Jar.TIMEOUT);
    assertNoLeak(result);
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.stderr()).startsWith("error: --postman-api-url is not a URL");
  }

  @Test
  void fetchTakesTheUrlsToo() throws Exception {
    try (FakePostmanApi postman = postman()) {
      Path out = work.resolve("fetched");
      Jar.Result result =
          Jar.startCommand(
                  "fetch",
                  runnerTemp,
                  List.of(),
                  gitHub(),
                  "-c",
                  FIXTURES.resolve("collection.json").toString(),
                  "-e",
                  postman.url() + "/environments/" + ENVIRONMENT + "?api_key=" + KEY,
                  "--postman-api-url",
                  postman.url(),
                  "--output-dir",
                  out.toString())
              .await(Jar.TIMEOUT);
      assertNoLeak(result);
      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(out.resolve("collection.json")).exists();
      assertThat(out.resolve("environment.json")).exists();
      assertOnlyInTheHeader(postman, KEY);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private Jar.Result runCiCollection(LeakRunner runner, Map<String, String> ci) throws Exception {
    List<String> args =
        runner.run(
            FIXTURES.resolve("collection.json"),
            FIXTURES.resolve("ci.secrets"),
            "--",
            "--env-var",
            "baseUrl=" + server.baseUrl());
    Map<String, String> environment = new HashMap<>(ci);
    environment.putAll(runner.environment(home));
    return Jar.start(runnerTemp, List.of(), environment, args.toArray(String[]::new))
        .await(Jar.TIMEOUT);
  }

  /** GitHub Actions, with the step summary and outputs files in the scanned work directory. */
  private Map<String, String> gitHub() {
    Map<String, String> environment = new HashMap<>();
    environment.put("GITHUB_ACTIONS", "true");
    environment.put("GITHUB_STEP_SUMMARY", work.resolve("step-summary.md").toString());
    environment.put("GITHUB_OUTPUT", work.resolve("github-output").toString());
    return environment;
  }

  /** A Postman API that serves a collection calling the recording server, for key {@link #KEY}. */
  private FakePostmanApi postman() throws IOException {
    FakePostmanApi postman = new FakePostmanApi(KEY);
    postman.collection(
        COLLECTION,
        "{\"info\":{\"name\":\"by url\",\"schema\":"
            + "\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},"
            + "\"item\":[{\"name\":\"r\",\"request\":{\"method\":\"GET\","
            + "\"url\":\"{{baseUrl}}/echo\"}}]}");
    postman.environment(
        ENVIRONMENT,
        "{\"id\":\"e\",\"name\":\"by url\",\"values\":[{\"key\":\"baseUrl\",\"value\":\""
            + server.baseUrl()
            + "\",\"enabled\":true}]}");
    return postman;
  }

  /** Every call to the API carried the key in the header, and none in its request line. */
  private static void assertOnlyInTheHeader(FakePostmanApi postman, String key) {
    assertThat(postman.requests()).isNotEmpty();
    assertThat(postman.requests())
        .allSatisfy(
            r -> {
              assertThat(r.headers().get("X-api-key")).containsExactly(key);
              assertThat(r.requestLine()).doesNotContain("PMAK").doesNotContain("?");
            });
  }

  /**
   * No piece of any canary, in any form, in the output (masking commands aside), in any file under
   * the work directory or left in RUNNER_TEMP.
   */
  private void assertNoLeak(Jar.Result result) throws IOException {
    Set<String> pieces = pieces();
    assertNoPiece("stdout/stderr", LeakSearch.withoutMaskCommands(result), pieces);
    for (Path dir : List.of(work, runnerTemp, home)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          assertNoPiece(file.toString(), Files.readString(file, StandardCharsets.UTF_8), pieces);
        }
      }
    }
    assertThat(Jar.entries(runnerTemp)).as("left behind in RUNNER_TEMP").isEmpty();
  }

  private static void assertNoPiece(String where, String text, Set<String> pieces) {
    for (String piece : pieces) {
      assertThat(text).as("%s must not contain '%s'", where, piece).doesNotContain(piece);
    }
  }

  /** Every 16-character window of every canary in every form, the CI's escapings included. */
  private Set<String> pieces() {
    Set<String> pieces = new LinkedHashSet<>();
    for (String canary : canaries) {
      String collapsed = canary.replaceAll("\\s+", " ");
      String gitHubData = collapsed.replace("%", "%25");
      List<String> forms =
          List.of(
              canary,
              collapsed,
              canary.replace("\\", "\\\\").replace("\"", "\\\""),
              URLEncoder.encode(canary, StandardCharsets.UTF_8),
              URLEncoder.encode(canary, StandardCharsets.UTF_8).replace("+", "%20"),
              canary.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"),
              Base64.getEncoder().encodeToString(canary.getBytes(StandardCharsets.UTF_8)),
              gitHubData,
              gitHubData.replace(":", "%3A").replace(",", "%2C"),
              collapsed.replace("%", "%AZP25").replace("]", "%5D").replace(";", "%3B"),
              collapsed.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;"),
              collapsed
                  .replaceAll("([\\\\`*_\\[\\]~|])", "\\\\$1")
                  .replace("&", "&amp;")
                  .replace("<", "&lt;")
                  .replace(">", "&gt;"));
      for (String form : forms) {
        for (int i = 0; i + WINDOW <= form.length(); i++) {
          pieces.add(form.substring(i, i + WINDOW));
        }
      }
    }
    return pieces;
  }
}
