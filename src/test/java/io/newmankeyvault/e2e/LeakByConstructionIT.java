package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.newmankeyvault.testing.FakePostmanApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The leaks of issue #24, each as a hostile collection author or a careless user would cause it,
 * with the jar and real Newman 6.2.2 in GitHub Actions mode, run in a workspace of its own: option
 * spellings Newman accepts, rc files however encoded, another user reading the workspace during a
 * run, {@code kill -9} of the tool at several points, a secret sent to a host outside its allowed
 * domains by any path, allowed domains that mean nothing, and the runner's tokens in Newman's
 * environment. After each, no piece of a canary may be in stdout or stderr (masking commands
 * aside), in any file of the workspace (the user's own files aside), in RUNNER_TEMP, in any request
 * the foreign host received, or in Newman's environment.
 *
 * <p>With the Postman CLI ({@link LeakRunner}), on the v2.1 collection: the same cases where they
 * apply; where the tool refuses what the case does for the CLI (exit 2, before any request), that
 * refusal is what is asserted. Cases that cannot apply to the CLI, run with Newman only:
 *
 * <ul>
 *   <li>the rc files ({@code .newmanrc}): Newman's own configuration, which the guard reads; the
 *       Postman CLI reads none, and its options are an allow-list the tool checks itself;
 *   <li>{@code kill -9} while Newman waits for its inputs: Newman starts early and waits on named
 *       pipes; the CLI starts only at the hand-over, with its inputs;
 *   <li>{@code kill -9} after Newman exported, and the slow reporter of the co-tenant case: a
 *       Newman reporter module ({@code newman-reporter-slow}) loaded through NODE_PATH; the CLI
 *       loads no external reporter. The co-tenant case runs with the CLI's own reporters;
 *   <li>allowed domains ({@code --allowed-domains}, {@code --require-allowed-domains}): kept by the
 *       guard in Newman's process, which the CLI does not load: the tool refuses them for the CLI
 *       (exit 2, asserted below).
 * </ul>
 *
 * The CLI keeps a log and settings under HOME, which here is the test's and scanned too.
 */
class LeakByConstructionIT {
  private static final Path FIXTURES = Jar.projectDir().resolve("test-fixtures").resolve("leaks");
  private static final String POSTMAN_KEY = "PMAK-CANARY-" + UUID.randomUUID() + "-END";

  @TempDir Path runnerTemp;
  @TempDir Path work; // the workspace: Newman's working directory
  @TempDir Path ci; // the step summary and outputs
  @TempDir Path home; // HOME: the Postman CLI's log and settings

  @RegisterExtension final RecordingServer server = RecordingServer.perTest();
  private final List<String> canaries = new ArrayList<>();
  private final Set<Path> usersOwnFiles = new java.util.HashSet<>();

  @BeforeEach
  void start() throws IOException {
    canaries.addAll(LeakSearch.secretsFileValues(FIXTURES.resolve("leak.secrets")));
    canaries.add(POSTMAN_KEY);
  }

  // ---- Reports left in clear: every spelling Newman accepts
  // --------------------------------------

  @ParameterizedTest
  @EnumSource(names = {"NEWMAN", "POSTMAN_CLI"})
  void aReporterListGluedToItsShortOption(LeakRunner runner) throws Exception {
    Jar.Result result = run(leaks(runner), "--", "-rjunit,htmlextra,cli");
    if (refusedForTheCli(runner, result, "write short options and their values apart")) {
      return;
    }
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertNoLeak(result);
    assertThat(reportsUnder(work.resolve("newman"))).as("Newman's default newman/").hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(names = {"NEWMAN", "POSTMAN_CLI"})
  void anExportOptionInCapitals(LeakRunner runner) throws Exception {
    assertExportMasked(runner, "--reporter-json-EXPORT", "out/run.json");
  }

  @ParameterizedTest
  @EnumSource(names = {"NEWMAN", "POSTMAN_CLI"})
  void aGenericExportInCapitals(LeakRunner runner) throws Exception {
    assertExportMasked(runner, "--reporter-EXPORT", "generic.json");
  }

  @ParameterizedTest
  @EnumSource(names = {"NEWMAN", "POSTMAN_CLI"})
  void aGenericExport(LeakRunner runner) throws Exception {
    assertExportMasked(runner, "--reporter-export", "generic.json");
  }

  @ParameterizedTest
  @EnumSource(names = {"NEWMAN", "POSTMAN_CLI"})
  void aCookieJarHoldingASecret(LeakRunner runner) throws Exception {
    Jar.Result result =
        run(
            hostile(runner),
            "--",
            runner.isNewman() ? "--folder" : "-i", // the CLI's equivalent
            "log in",
            "--export-cookie-jar",
            "jar.json");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(work.resolve("jar.json")).content().contains("session", "***");
    assertNoLeak(result);
  }

  // ---- The whole hydrated environment exported
  // ---------------------------------------------------

  @Test
  void anRcFileWithAnEscapedKey() throws Exception {
    Files.writeString(
        work.resolve(".newmanrc"), "{\"run\":{\"export\\u0045nvironment\":\"every-secret.json\"}}");
    usersOwnFiles.add(work.resolve(".newmanrc"));
    Jar.Result result = run(leaks(LeakRunner.NEWMAN));
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.stderr()).contains("--export-environment", "rc file", "is refused");
    assertThat(server.requests()).as("no request was sent").isEmpty();
    assertNoLeak(result);
  }

  @Test
  void anRcFileInUtf16() throws Exception {
    byte[] body =
        "{\"exportEnvironment\":\"every-secret.json\"}".getBytes(StandardCharsets.UTF_16LE);
    byte[] file = new byte[body.length + 2];
    file[0] = (byte) 0xff;
    file[1] = (byte) 0xfe;
    System.arraycopy(body, 0, file, 2, body.length);
    Files.write(work.resolve(".newmanrc"), file);
    usersOwnFiles.add(work.resolve(".newmanrc"));
    Jar.Result result = run(leaks(LeakRunner.NEWMAN));
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(server.requests()).as("no request was sent").isEmpty();
    assertNoLeak(result);
  }

  // ---- Reports readable by others, and unsupervised
  // ----------------------------------------------

  @ParameterizedTest
  @EnumSource(names = {"NEWMAN", "POSTMAN_CLI"})
  void anotherUserReadingTheWorkspaceDuringTheRun(LeakRunner runner) throws Exception {
    Map<Path, byte[]> seen = new LinkedHashMap<>();
    AtomicBoolean running = new AtomicBoolean(true);
    Thread coTenant =
        new Thread(
            () -> {
              while (running.get()) {
                copyEverythingReadable(seen);
              }
            });
    coTenant.start();
    Jar.Result result;
    try {
      result =
          run(
              leaks(runner),
              Map.of("NODE_PATH", FIXTURES.resolve("reporters").toString()),
              "--reports-dir",
              work.resolve("reports").toString(),
              "--",
              "-r",
              runner.isNewman() ? "cli,json,junit,htmlextra,slow" : runner.everyReporter());
    } finally {
      running.set(false);
      coTenant.join();
    }
    assertThat(result.exitCode()).as(result.toString()).isZero();
    if (runner.isNewman()) {
      assertThat(result.stdout()).contains("SLOW-REPORTER-DONE");
    }
    assertThat(reportsUnder(work.resolve("reports"))).hasSize(3);
    LeakSearch search = LeakSearch.of(canaries);
    seen.forEach(search::assertNoneIn);
    assertNoLeak(result);
  }

  @ParameterizedTest
  @EnumSource(names = {"NEWMAN", "POSTMAN_CLI"})
  void theReportsDirectoryHoldsTheUsersOwnFiles(LeakRunner runner) throws Exception {
    Path mine = Files.writeString(work.resolve("mine.secrets"), "x=" + canaries.get(0) + "\n");
    usersOwnFiles.add(mine);
    Jar.Result result =
        run(leaks(runner), "--reports-dir", work.toString(), "--", "-r", "cli,junit");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(mine).as("a file the run did not create").hasContent("x=" + canaries.get(0) + "\n");
    assertNoLeak(result);
  }

  @Test
  void killMinus9WhileNewmanWaitsForItsInputs() throws Exception {
    try (FakePostmanApi postman = new FakePostmanApi(POSTMAN_KEY)) {
      AtomicBoolean release = new AtomicBoolean(false);
      postman.holdUntil(release::get);
      List<String> args = new ArrayList<>(leaks(LeakRunner.NEWMAN));
      args.set(args.indexOf("-c") + 1, "12345678-" + UUID.randomUUID());
      args.addAll(List.of("--postman-api-url", postman.url()));
      Jar.Running running = start(args, "done", Map.of(), "--", "-r", "cli,json");
      awaitNewman(running);
      // Until the guard confirmed: Newman has its configuration and waits on its pipes (a tool
      // without a guard never confirms: then 5 s, ample for Newman to load).
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (!guardConfirmed() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      List<ProcessHandle> newman = running.process.descendants().toList();
      killMinus9(running);
      release.set(true);
      assertKilled(newman);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"NEWMAN", "POSTMAN_CLI"})
  void killMinus9MidRun(LeakRunner runner) throws Exception {
    Jar.Running running =
        start(
            leaks(runner),
            "hang",
            Map.of(),
            "--",
            "-r",
            "cli,json,junit",
            "--reporter-json-export",
            "run.json",
            "--timeout-request",
            "3000");
    awaitTheHangingRequest(running);
    // With the CLI: the shell that watches it, and the CLI; its environment file is on disk.
    List<ProcessHandle> newman = runner.awaitProcesses(running);
    killMinus9(running);
    Thread.sleep(4000); // past the request timeout: a Newman still alive would finish and export
    assertKilled(newman);
  }

  @Test
  void killMinus9AfterNewmanExported() throws Exception {
    Jar.Running running =
        start(
            leaks(LeakRunner.NEWMAN),
            Map.of("NODE_PATH", FIXTURES.resolve("reporters").toString()),
            "--",
            "-r",
            "cli,json,junit,slow",
            "--reporter-json-export",
            "run.json");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!running.stdoutSoFar().contains("SLOW-REPORTER-WAITING")
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(running.stdoutSoFar()).contains("SLOW-REPORTER-WAITING");
    List<ProcessHandle> newman = running.process.descendants().toList();
    killMinus9(running);
    assertKilled(newman);
  }

  // ---- Allowed domains bypassed
  // ------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(names = {"NEWMAN", "POSTMAN_CLI"})
  void aSecretGoesOnlyToItsDomainsWhateverPathItTakes(LeakRunner runner) throws Exception {
    Jar.Result result =
        run(
            hostile(runner),
            "--allowed-domains",
            "leak-plain=http://127.0.0.1:" + server.port(),
            "--allowed-domains",
            "leak-quote=http://127.0.0.1:" + server.port(),
            "--allowed-domains",
            "leak-pem=http://127.0.0.1:" + server.port(),
            "--require-allowed-domains",
            "--",
            "--export-cookie-jar",
            "jar.json");
    if (refusedForTheCli(runner, result, "--allowed-domains needs Newman")) {
      return;
    }
    // Newman counts each blocked request as a failed one.
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(server.only("/set-cookie").rawQuery()).contains("CANARY");
    assertThat(server.only("/echo/allowed").header("X-Api-Key")).containsExactly(canaries.get(0));
    assertThat(result.stderr())
        .contains(
            "warning: request 'an alias to a foreign host' to localhost:" + server.port(),
            "request 'a redirect to a foreign host' to localhost:" + server.port(),
            "request 'a script that forwards a header' to localhost:" + server.port(),
            // Refused before the DNS lookup, which would carry the host name (in lower case).
            "request 'a secret in a host name' to a host name that carries the secret was blocked",
            "was blocked before it was sent: it carried secret 'leak-plain'");
    assertThat(result.stdout())
        .contains("::warning title=newman-keyvault%3A a request was blocked::");
    assertNoLeak(result);
  }

  @ParameterizedTest
  @EnumSource(names = {"NEWMAN", "POSTMAN_CLI"})
  void allowedDomainsNamingAVariableInsteadOfTheSecret(LeakRunner runner) throws Exception {
    Jar.Result result =
        run(hostile(runner), "--allowed-domains", "alias=http://127.0.0.1:" + server.port());
    if (refusedForTheCli(runner, result, "--allowed-domains needs Newman")) {
      return;
    }
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.stderr())
        .contains(
            "--allowed-domains names secret 'alias', which no reference of this run reads",
            "did you mean 'leak-plain'");
    assertThat(server.requests()).isEmpty();
    assertNoLeak(result);
  }

  @ParameterizedTest
  @EnumSource(names = {"NEWMAN", "POSTMAN_CLI"})
  void allowedDomainsThatCanNeverMatch(LeakRunner runner) throws Exception {
    for (String pattern : List.of("api.*.com", "localhost:99999", "ftp://127.0.0.1")) {
      Jar.Result result = run(hostile(runner), "--allowed-domains", "leak-plain=" + pattern);
      // With the CLI: refused as a pattern, or as needing Newman.
      if (refusedForTheCli(runner, result, "--allowed-domains")) {
        continue;
      }
      assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
      assertThat(result.stderr()).contains("pattern '" + pattern + "'");
      assertThat(result.stderr().lines().filter(line -> line.startsWith("error:"))).hasSize(1);
    }
    assertThat(server.requests()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(names = {"NEWMAN", "POSTMAN_CLI"})
  void requireAllowedDomainsCoversEveryReferenceForm(LeakRunner runner) throws Exception {
    Jar.Result result =
        run(
            leaks(runner),
            "--require-allowed-domains",
            "--allowed-domains",
            "leak-long=http://127.0.0.1:" + server.port(),
            "--allowed-domains",
            "leak-space-slash=http://127.0.0.1:" + server.port());
    if (refusedForTheCli(runner, result, "--allowed-domains needs Newman")) {
      return;
    }
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
    assertThat(result.stderr())
        .contains("secret 'leak-plain' (variable plain) has no allowed domains")
        .contains("secret 'leak-pem' (variable pem) has no allowed domains");
    assertThat(server.requests()).isEmpty();
    assertNoLeak(result);
  }

  // ---- The runner's tokens
  // -----------------------------------------------------------------------

  /**
   * Neither the runner's tokens nor any secret is in the environment or the argv of any process the
   * tool started (Newman; the CLI's watching shell and the CLI, which get the secrets only in the
   * environment file). With the CLI, that file exists while it runs and is gone after the SIGTERM.
   */
  @ParameterizedTest
  @EnumSource(names = {"NEWMAN", "POSTMAN_CLI"})
  void theRunnersTokensNeverReachNewman(LeakRunner runner) throws Exception {
    Map<String, String> tokens = new LinkedHashMap<>();
    for (String name :
        List.of(
            "ACTIONS_RUNTIME_TOKEN",
            "ACTIONS_CACHE_URL",
            "AZURE_PASSWORD",
            "IDENTITY_HEADER",
            "MSI_SECRET",
            "SYSTEM_ACCESSTOKEN",
            "NPM_TOKEN")) {
      tokens.put(name, "CANARY-" + name + "-" + UUID.randomUUID());
    }
    canaries.addAll(tokens.values());
    Map<String, String> environment = new HashMap<>(tokens);
    environment.put("A_REPORTER_SETTING", "named-on-purpose");
    Jar.Running running =
        start(leaks(runner), "hang", environment, "--newman-env", "A_REPORTER_SETTING");
    awaitTheHangingRequest(running);
    List<ProcessHandle> newman = runner.awaitProcesses(running);
    LeakSearch search = LeakSearch.of(canaries); // the secrets, the key and the tokens
    for (ProcessHandle process : newman) {
      Path proc = Path.of("/proc", Long.toString(process.pid()));
      byte[] environ = Files.readAllBytes(proc.resolve("environ"));
      search.assertNoneIn(proc.resolve("environ"), environ);
      search.assertNoneIn(proc.resolve("cmdline"), Files.readAllBytes(proc.resolve("cmdline")));
      assertThat(new String(environ, StandardCharsets.UTF_8))
          .contains("PATH=", "A_REPORTER_SETTING=named-on-purpose");
    }
    if (!runner.isNewman()) {
      try (Stream<Path> files = Files.walk(runnerTemp)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .as("the CLI reads the hydrated environment from a file in the private directory")
            .contains("environment.json");
      }
    }
    running.process.destroy(); // SIGTERM
    Jar.Result result = running.await(Jar.TIMEOUT);
    Jar.assertEnded(newman);
    assertNoLeak(result);
  }

  @ParameterizedTest
  @EnumSource(names = {"NEWMAN", "POSTMAN_CLI"})
  void theToolsOwnCredentialsCannotBeNamedForNewman(LeakRunner runner) throws Exception {
    Jar.Result result = run(leaks(runner), "--newman-env", "POSTMAN_API_KEY");
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.stderr()).contains("--newman-env POSTMAN_API_KEY: newman-keyvault's own");
    assertThat(server.requests()).isEmpty();
    assertNoLeak(result);
  }

  // -----------------------------------------------------------------------------------------------

  /** The leak matrix's collection and environment, from the secrets file, for {@code runner}. */
  private List<String> leaks(LeakRunner runner) {
    return runner.run(FIXTURES.resolve("collection.json"), FIXTURES.resolve("leak.secrets"));
  }

  /** The hostile collection with the leak matrix's environment. */
  private List<String> hostile(LeakRunner runner) {
    List<String> args = leaks(runner);
    args.set(
        args.indexOf("-c") + 1, runner.collection(FIXTURES.resolve("hostile.json")).toString());
    return args;
  }

  /**
   * Newman's JSON report, exported by {@code option} (after {@code --}) to {@code file} in the
   * workspace, holds masks and nothing leaks; the tool refuses the option for the CLI.
   */
  private void assertExportMasked(LeakRunner runner, String option, String file) throws Exception {
    Jar.Result result = run(leaks(runner), "--", "-r", "cli,json", option, file);
    if (refusedForTheCli(runner, result, option + " after '--' is not passed")) {
      return;
    }
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(work.resolve(file)).content().contains("***");
    assertNoLeak(result);
  }

  /**
   * For the Postman CLI: the tool refused what the case does (exit 2, one line saying {@code why})
   * before any request, and nothing leaked; then the case is done. False for Newman.
   */
  private boolean refusedForTheCli(LeakRunner runner, Jar.Result result, String why)
      throws IOException {
    if (runner.isNewman()) {
      return false;
    }
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.stderr()).contains(why);
    assertThat(server.requests()).as("no request was sent").isEmpty();
    assertNoLeak(result);
    return true;
  }

  private Jar.Result run(List<String> tool, String... more) throws Exception {
    return run(tool, Map.of(), more);
  }

  private Jar.Result run(List<String> tool, Map<String, String> extra, String... more)
      throws Exception {
    return start(tool, "done", extra, more).await(Jar.TIMEOUT);
  }

  private Jar.Running start(List<String> tool, Map<String, String> extra, String... more)
      throws IOException {
    return start(tool, "done", extra, more);
  }

  /**
   * Starts the jar in the workspace, in GitHub Actions mode, with {@code more} after the tool's
   * options; Newman gets the recording server as {@code baseUrl} (and as {@code allowedBase} and
   * {@code otherBase} under two names) and {@code hang_path} first after {@code --}.
   */
  private Jar.Running start(
      List<String> tool, String hangPath, Map<String, String> extra, String... more)
      throws IOException {
    List<String> envVars =
        List.of(
            "--env-var",
            "baseUrl=" + server.baseUrl(),
            "--env-var",
            "hang_path=" + hangPath,
            "--env-var",
            "allowedBase=http://127.0.0.1:" + server.port(),
            "--env-var",
            "otherBase=http://localhost:" + server.port(),
            "--env-var",
            "port=" + server.port());
    List<String> args = new ArrayList<>(tool);
    List<String> moreArgs = List.of(more);
    int dashes = moreArgs.indexOf("--");
    if (dashes < 0) {
      args.addAll(moreArgs);
      args.add("--");
      args.addAll(envVars);
    } else {
      args.addAll(moreArgs.subList(0, dashes + 1));
      args.addAll(envVars);
      args.addAll(moreArgs.subList(dashes + 1, moreArgs.size()));
    }
    Map<String, String> environment = new HashMap<>(githubActions());
    environment.put("HOME", home.toString());
    environment.putAll(extra);
    return Jar.startIn(
        work, "run", runnerTemp, List.of(), environment, args.toArray(String[]::new));
  }

  private Map<String, String> githubActions() {
    return Map.of(
        "GITHUB_ACTIONS",
        "true",
        "POSTMAN_API_KEY",
        POSTMAN_KEY,
        "GITHUB_STEP_SUMMARY",
        ci.resolve("step-summary.md").toString(),
        "GITHUB_OUTPUT",
        ci.resolve("github-output").toString());
  }

  private static List<Path> reportsUnder(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  /** Whether the guard in Newman's process has confirmed it supervises Newman. */
  private boolean guardConfirmed() {
    return Jar.entries(runnerTemp).stream()
        .anyMatch(name -> Files.exists(runnerTemp.resolve(name).resolve("supervised")));
  }

  /** The Newman processes under the tool, once they exist. */
  private static List<ProcessHandle> awaitNewman(Jar.Running running) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<ProcessHandle> newman = running.process.descendants().toList();
    while (newman.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      newman = running.process.descendants().toList();
    }
    assertThat(newman).as("Newman was started").isNotEmpty();
    return newman;
  }

  /** Reads every regular file of the workspace it can, as another user on the runner might. */
  private void copyEverythingReadable(Map<Path, byte[]> seen) {
    try (Stream<Path> files = Files.walk(work)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        try {
          seen.merge(file, Files.readAllBytes(file), LeakByConstructionIT::concat);
        } catch (IOException e) {
          // Gone or being replaced: the next pass sees it.
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // A directory that vanished mid-walk.
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    if (java.util.Arrays.equals(a, b)) {
      return a;
    }
    byte[] both = new byte[a.length + 1 + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    both[a.length] = '\n';
    System.arraycopy(b, 0, both, a.length + 1, b.length);
    return both;
  }

  /** Until the recording server got the request to {@code /hang}, which it never answers. */
  private void awaitTheHangingRequest(Jar.Running running) throws InterruptedException {
    assertThat(
            server.await(r -> r.path().equals(RecordingServer.HANG_PATH), Duration.ofSeconds(30)))
        .as(running.stdoutSoFar())
        .isPresent();
  }

  /** SIGKILL to the tool, and until it is gone. */
  private static void killMinus9(Jar.Running running) throws InterruptedException {
    running.process.destroyForcibly();
    running.process.waitFor();
  }

  /** After a kill of the tool: {@code newman} ended too, and nothing is left behind. */
  private void assertKilled(List<ProcessHandle> newman) throws IOException, InterruptedException {
    Jar.assertEnded(newman);
    assertNothingLeftAfterAKill();
  }

  /** After a kill of the tool: no report, nothing in RUNNER_TEMP, no request with a canary. */
  private void assertNothingLeftAfterAKill() throws IOException {
    LeakSearch search = LeakSearch.of(canaries);
    search.assertNoneUnder(work, usersOwnFiles);
    search.assertNoneUnder(home, Set.of());
    assertThat(reportsUnder(work)).as("nothing published after a kill").isEmpty();
    assertThat(Jar.entries(runnerTemp)).as("left behind in RUNNER_TEMP").isEmpty();
  }

  /**
   * No piece of any canary in the output (masking commands aside), in the workspace (the user's own
   * files aside), in the CI files, in RUNNER_TEMP, or in any request the foreign host got.
   */
  private void assertNoLeak(Jar.Result result) throws IOException {
    LeakSearch search = LeakSearch.of(canaries);
    search.assertNone("stdout/stderr", LeakSearch.withoutMaskCommands(result));
    search.assertNoneUnder(work, usersOwnFiles);
    search.assertNoneUnder(ci, Set.of());
    search.assertNoneUnder(home, Set.of());
    assertThat(Jar.entries(runnerTemp)).as("left behind in RUNNER_TEMP").isEmpty();
    for (RecordedRequest request : server.requests()) {
      if (!request.header("Host").contains("127.0.0.1:" + server.port())) {
        search.assertNone(
            "a request to the foreign host " + request.header("Host"),
            request.method()
                + " "
                + request.rawPathAndQuery()
                + "\n"
                + request.headers()
                + "\n"
                + new String(request.body(), StandardCharsets.UTF_8));
      }
    }
  }
}
