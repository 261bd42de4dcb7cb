package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tool with the Postman CLI as its runner, against the parity corpus ({@code
 * test-fixtures/parity}, see its README), in two comparisons:
 *
 * <ul>
 *   <li><b>v3</b>: each case migrated to a v3 folder ({@code test-fixtures/v3/parity}, made by
 *       {@code postman collection migrate}) is run with the plain pinned Postman CLI, given the
 *       case's baseline environment (the secrets in clear), and through the tool with the case's
 *       references and secrets file. The baseline environments hold each {@code {{vault:NAME}}}
 *       secret as an entry named {@code vault:NAME}: that is how the Postman CLI resolves {@code
 *       {{vault:NAME}}} from a local environment, and what the tool hands it too ({@code
 *       Hydrator.hydrateForPostmanCli}), so "the same secrets by hand" is that environment. The CLI
 *       gives v3 collections only its cli reporter, so the runs are compared on the exit code and
 *       what the console shows: each request (method, URL without its query, status) with its
 *       assertions in order, the summary table and the failure list.
 *   <li><b>Runners</b>: each v2.1 case is run through the tool twice, with {@code --runner newman}
 *       and with {@code --runner postman-cli}, both writing a JSON report in Newman's shape (the
 *       CLI's {@code --reporter-json-structure newman}), compared as {@link NewmanParityIT}
 *       compares Newman's; the statistics only on the counters both report. A case listed in {@link
 *       #RUNNER_DIFFERENCES} must differ, for the reason given there (docs/usage.md, "Postman v12",
 *       lists the same).
 * </ul>
 *
 * <p>Newman options of a case become the CLI's where it has them ({@code --folder} becomes {@code
 * -i}, {@code -g} goes to the tool before {@code --}); a case with a Newman option the CLI lacks is
 * skipped with the reason. The runs go two at a time (the CLI takes 2.5 s of CPU to start); the
 * counts go to {@code target/parity-cli-report.txt}. Skipped where the pinned CLI is not installed,
 * failed instead when {@code CI=true}.
 */
class PostmanCliParityIT {
  static final Path CLI = Jar.POSTMAN_CLI;
  private static final Path V3 = Jar.projectDir().resolve("test-fixtures/v3/parity");
  private static final Duration TIMEOUT = Duration.ofSeconds(150);

  /**
   * The v2.1 cases whose results differ between the tool's two runners, and why. Each must differ
   * in its list of executions, and only there (a case that became the same is taken off the list).
   */
  static final Map<String, String> RUNNER_DIFFERENCES =
      Map.of(
          "21-variables-sendrequest-options",
          "Newman's JSON report lists an item's execution once more for each pm.sendRequest of its"
              + " scripts (the same entry again, newman/lib/run/summary.js pushes it on every"
              + " 'request' event); the Postman CLI's, in Newman's structure, once per item and"
              + " iteration. The statistics and every assertion's result are the same");

  /** Newman's options the Postman CLI has under the same name, and whether each takes a value. */
  private static final Map<String, Boolean> SAME_OPTIONS =
      Map.ofEntries(
          Map.entry("-d", true),
          Map.entry("--iteration-data", true),
          Map.entry("-n", true),
          Map.entry("--iteration-count", true),
          Map.entry("--env-var", true),
          Map.entry("--global-var", true),
          Map.entry("--working-dir", true),
          Map.entry("--cookie-jar", true),
          Map.entry("--delay-request", true),
          Map.entry("--timeout", true),
          Map.entry("--timeout-request", true),
          Map.entry("--timeout-script", true),
          Map.entry("--ignore-redirects", false),
          Map.entry("--bail", false),
          Map.entry("-k", false),
          Map.entry("--insecure", false));

  private static final Pattern REQUEST =
      Pattern.compile("^ {2}([A-Z]+) (\\S+) \\[(errored|\\d{3}[^,\\]]*).*$");
  private static final Pattern PASSED = Pattern.compile("^ {2}(Pass|Skip|Fail) {2}(.*?)\\s*$");
  private static final Pattern FAILED = Pattern.compile("^ {2}(\\d+)\\. (.*?)\\s*$");
  private static final Pattern SCRIPT_ERROR = Pattern.compile("^ {2}(\\d+)\\S (Error in .*?)\\s*$");
  private static final Pattern STATISTIC =
      Pattern.compile("^\\|\\s+([a-z-]+) \\|\\s+(\\d+) \\|\\s+(\\d+) \\|\\s*$");
  private static final Pattern FAILURE =
      Pattern.compile("^\\s?\\s?\\d+\\. {2}(\\S+)(?: {2,}(.*?))?\\s*$");
  private static final Pattern INSIDE = Pattern.compile("^\\s+inside (\".*\")\\s*$");

  @TempDir static Path work;

  private static EchoServer echo;
  private static ExecutorService pool;
  private static final Map<String, Future<Comparison>> V3_RUNS = new ConcurrentHashMap<>();
  private static final Map<String, Future<Comparison>> RUNNER_RUNS = new ConcurrentHashMap<>();
  private static final Map<String, String> V3_VERDICTS = new ConcurrentHashMap<>();
  private static final Map<String, String> RUNNER_VERDICTS = new ConcurrentHashMap<>();

  /** Two runs of one case: what each did, or why the case was not run. */
  record Comparison(
      String skipped,
      int leftExit,
      int rightExit,
      Map<String, Object> left,
      Map<String, Object> right,
      String context) {
    static Comparison skip(String reason) {
      return new Comparison(reason, 0, 0, Map.of(), Map.of(), "");
    }
  }

  /** A case's Newman options as the Postman CLI's, and the tool's options before {@code --}. */
  record CliOptions(List<String> cli, List<String> tool, String skipped) {}

  @BeforeAll
  static void startRuns() throws IOException {
    Jar.postmanCli(); // skips the class where it is not installed, fails it in CI
    echo = EchoServer.start();
    pool = Executors.newFixedThreadPool(2);
    for (String name : ParityCorpus.cases()) {
      V3_RUNS.put(name, pool.submit(() -> compareV3(name)));
      RUNNER_RUNS.put(name, pool.submit(() -> compareRunners(name)));
    }
  }

  @AfterAll
  static void stopRuns() throws Exception {
    if (pool == null) {
      return;
    }
    pool.shutdownNow();
    pool.awaitTermination(30, TimeUnit.SECONDS);
    echo.stop();
    ParityCorpus.writeReport(
        "parity-cli-report.txt",
        "v3, the plain Postman CLI against the tool with it: "
            + counts(V3_VERDICTS)
            + "\nJSON (v2.1 and older), the tool with Newman against the tool with the Postman CLI: "
            + counts(RUNNER_VERDICTS)
            + "\n"
            + lines("v3", V3_VERDICTS)
            + lines("runners", RUNNER_VERDICTS));
  }

  private static String counts(Map<String, String> verdicts) {
    long same = verdicts.values().stream().filter(v -> v.equals("same")).count();
    long expected = verdicts.values().stream().filter(v -> v.startsWith("different, as")).count();
    long skipped = verdicts.values().stream().filter(v -> v.startsWith("skipped")).count();
    return String.format(
        "%d cases: %d the same, %d different (%d of them documented), %d skipped",
        verdicts.size(), same, verdicts.size() - same - skipped, expected, skipped);
  }

  private static String lines(String comparison, Map<String, String> verdicts) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(verdicts)
        .forEach((name, verdict) -> text.append(comparison + " " + name + ": " + verdict + "\n"));
    return text.toString();
  }

  static Stream<String> cases() throws IOException {
    return ParityCorpus.cases().stream();
  }

  @ParameterizedTest(name = "v3 {0}")
  @MethodSource("cases")
  void theToolWithTheCliRunsTheV3CaseAsThePlainCliDoes(String name) throws Exception {
    V3_VERDICTS.put(name, "different");
    Comparison comparison = V3_RUNS.get(name).get();
    if (comparison.skipped() != null) {
      V3_VERDICTS.put(name, "skipped: " + comparison.skipped());
      assumeTrue(false, comparison.skipped());
    }
    assertThat((List<?>) comparison.left().get("steps"))
        .as("requests and assertions read from the plain CLI's console; " + comparison.context())
        .isNotEmpty();
    assertThat(comparison.rightExit())
        .as("exit code; " + comparison.context())
        .isEqualTo(comparison.leftExit());
    assertThat(comparison.right()).as(comparison.context()).isEqualTo(comparison.left());
    V3_VERDICTS.put(name, "same");
  }

  @ParameterizedTest(name = "runners {0}")
  @MethodSource("cases")
  void theToolGivesTheSameResultsWithEitherRunner(String name) throws Exception {
    RUNNER_VERDICTS.put(name, "different");
    Comparison comparison = RUNNER_RUNS.get(name).get();
    if (comparison.skipped() != null) {
      RUNNER_VERDICTS.put(name, "skipped: " + comparison.skipped());
      assumeTrue(false, comparison.skipped());
    }
    assertThat(comparison.left())
        .as("Newman's JSON report; " + comparison.context())
        .containsKey("executions");
    String expected = RUNNER_DIFFERENCES.get(name);
    if (expected != null) {
      // A listed case differs in its executions only: the exit code and the rest are the same.
      assertThat(comparison.right().get("executions"))
          .as("listed as different (" + expected + ") but the same; " + comparison.context())
          .isNotEqualTo(comparison.left().get("executions"));
      assertThat(comparison.rightExit())
          .as("exit code; " + comparison.context())
          .isEqualTo(comparison.leftExit());
      Map<String, Object> left = new LinkedHashMap<>(comparison.left());
      Map<String, Object> right = new LinkedHashMap<>(comparison.right());
      left.remove("executions");
      right.remove("executions");
      assertThat(right).as(comparison.context()).isEqualTo(left);
      RUNNER_VERDICTS.put(name, "different, as documented: " + expected);
      return;
    }
    assertThat(comparison.rightExit())
        .as("exit code; " + comparison.context())
        .isEqualTo(comparison.leftExit());
    assertThat(comparison.right()).as(comparison.context()).isEqualTo(comparison.left());
    RUNNER_VERDICTS.put(name, "same");
  }

  /** The plain CLI with the baseline environment, then the tool with the case's references. */
  private static Comparison compareV3(String name) throws Exception {
    Path collection = V3.resolve(name);
    if (!Files.isDirectory(collection)) {
      return Comparison.skip("not migrated: " + notMigrated(name));
    }
    Path dir = ParityCorpus.dir(name);
    CliOptions options = cliOptions(ParityCorpus.newmanArgs(dir));
    if (options.skipped() != null) {
      return Comparison.skip(options.skipped());
    }
    Path here = Files.createDirectories(work.resolve("v3-" + name));
    Path home = Files.createDirectories(here.resolve("home"));
    List<String> baseUrl = List.of("--env-var", "baseUrl=" + echo.baseUrl());

    List<String> plain =
        new ArrayList<>(List.of(CLI.toString(), "collection", "run", collection.toString()));
    Path baseline = ParityCorpus.baselineEnvironment(dir);
    if (baseline != null) {
      plain.addAll(List.of("-e", baseline.toString()));
    }
    plain.addAll(options.tool());
    plain.addAll(options.cli());
    plain.addAll(baseUrl);
    plain.add("--no-report-events");
    ProcessBuilder builder =
        new ProcessBuilder(plain).directory(here.toFile()).redirectErrorStream(true);
    builder.environment().put("HOME", home.toString());
    builder.environment().put("NO_COLOR", "1");
    Process process = builder.start();
    process.getOutputStream().close();
    String plainOutput =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the plain Postman CLI did not finish:\n" + plainOutput);
    }

    List<String> tool = new ArrayList<>(List.of("-c", collection.toString()));
    tool.addAll(toolInputs(dir, here));
    tool.addAll(List.of("--postman-cli", CLI.toString()));
    tool.addAll(options.tool());
    tool.add("--");
    tool.addAll(options.cli());
    tool.addAll(baseUrl);
    Jar.Result result = runTool(here, home, tool);
    return new Comparison(
        null,
        process.exitValue(),
        result.exitCode(),
        console(plainOutput),
        console(result.stdout() + result.stderr()),
        "plain Postman CLI "
            + String.join(" ", plain)
            + ":\n"
            + plainOutput
            + "\nthe tool: "
            + result);
  }

  /** The tool on the v2.1 case with Newman, then with the Postman CLI, each with a JSON report. */
  private static Comparison compareRunners(String name) throws Exception {
    Path dir = ParityCorpus.dir(name);
    List<String> newmanArgs = ParityCorpus.newmanArgs(dir);
    CliOptions options = cliOptions(newmanArgs);
    if (options.skipped() != null) {
      return Comparison.skip(options.skipped());
    }
    Path here = Files.createDirectories(work.resolve("runners-" + name));
    Path home = Files.createDirectories(here.resolve("home"));
    String collection = dir.resolve("collection.json").toString();

    Path newmanReport = here.resolve("newman.json");
    List<String> withNewman = new ArrayList<>(List.of("-c", collection));
    withNewman.addAll(toolInputs(dir, here));
    withNewman.addAll(List.of("--runner", "newman", "--newman", Jar.newman().toString(), "--"));
    withNewman.addAll(newmanArgs);
    withNewman.addAll(
        List.of(
            "--env-var",
            "baseUrl=" + echo.baseUrl(),
            "--reporters",
            "json",
            "--reporter-json-export",
            newmanReport.toString()));
    Jar.Result newman = runTool(here, home, withNewman);

    Path cliReport = here.resolve("cli.json");
    List<String> withCli = new ArrayList<>(List.of("-c", collection));
    withCli.addAll(toolInputs(dir, here));
    withCli.addAll(List.of("--runner", "postman-cli", "--postman-cli", CLI.toString()));
    withCli.addAll(options.tool());
    withCli.add("--");
    withCli.addAll(options.cli());
    withCli.addAll(
        List.of(
            "--env-var",
            "baseUrl=" + echo.baseUrl(),
            "-r",
            "json",
            "--reporter-json-structure",
            "newman",
            "--reporter-json-export",
            cliReport.toString()));
    Jar.Result cli = runTool(here, home, withCli);

    Map<String, Object> left = report(newmanReport);
    Map<String, Object> right = report(cliReport);
    // Counters only one of them keeps (the CLI's "responses") are not compared.
    left.keySet().retainAll(Set.copyOf(right.keySet()));
    right.keySet().retainAll(Set.copyOf(left.keySet()));
    return new Comparison(
        null,
        newman.exitCode(),
        cli.exitCode(),
        left,
        right,
        "with Newman: " + newman + "\nwith the Postman CLI: " + cli);
  }

  private static Map<String, Object> report(Path report) throws IOException {
    if (!Files.exists(report)) {
      Map<String, Object> none = new LinkedHashMap<>();
      none.put("report", "none");
      return none;
    }
    return ParityCorpus.outcome(report);
  }

  /** The tool's inputs for the case: its environment, secrets file and default vault. */
  private static List<String> toolInputs(Path dir, Path here) throws IOException {
    List<String> inputs =
        new ArrayList<>(
            List.of(
                "--key-vault",
                "kv-parity",
                "--secrets-file",
                ParityCorpus.secrets(dir, here).toString()));
    Path environment = ParityCorpus.environment(dir);
    if (environment != null) {
      inputs.addAll(List.of("-e", environment.toString()));
    }
    return inputs;
  }

  private static Jar.Result runTool(Path here, Path home, List<String> args)
      throws IOException, InterruptedException {
    Path runnerTemp = Files.createTempDirectory(here, "runner-temp");
    return Jar.startIn(
            here,
            "run",
            runnerTemp,
            List.of(),
            Map.of("HOME", home.toString()),
            args.toArray(String[]::new))
        .await(TIMEOUT);
  }

  /**
   * A case's Newman options as the Postman CLI's: those of the same name as they are, {@code
   * --folder} as {@code -i}, {@code -g} for the tool (before {@code --}) and the plain CLI.
   */
  static CliOptions cliOptions(List<String> newmanArgs) {
    List<String> cli = new ArrayList<>();
    List<String> tool = new ArrayList<>();
    for (int i = 0; i < newmanArgs.size(); i++) {
      String option = newmanArgs.get(i);
      Boolean takesValue = SAME_OPTIONS.get(option);
      if (takesValue != null) {
        cli.add(option);
        if (takesValue) {
          cli.add(newmanArgs.get(++i));
        }
      } else if (option.equals("--folder")) {
        cli.addAll(List.of("-i", newmanArgs.get(++i)));
      } else if (option.equals("-g") || option.equals("--globals")) {
        tool.addAll(List.of("-g", newmanArgs.get(++i)));
      } else {
        return new CliOptions(
            List.of(), List.of(), "Newman's " + option + " has no Postman CLI equivalent");
      }
    }
    return new CliOptions(cli, tool, null);
  }

  /** Why the CLI did not migrate the case, from {@code not-migrated.txt}. */
  private static String notMigrated(String name) throws IOException {
    for (String line : Files.readAllLines(V3.resolve("not-migrated.txt"))) {
      if (line.startsWith(name + ": ")) {
        return line.substring(name.length() + 2);
      }
    }
    return "no v3 folder";
  }

  /**
   * What the CLI's console shows of a run: each request (method, path without the query, which
   * shows resolved values masked through the tool, and status), each assertion's result and each
   * script error in order, the summary's counters, and the failure list (type, assertion, item).
   * Lines of neither kind (its login notice, the random {@code Root <id>} headers, timings) are
   * left out.
   */
  static Map<String, Object> console(String output) {
    List<String> steps = new ArrayList<>();
    Map<String, String> statistics = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    boolean failureList = false;
    for (String line : output.split("\\R")) {
      if (line.matches("^\\s+#\\s+failure\\s+detail\\s*$")) {
        failureList = true;
        continue;
      }
      if (failureList) {
        Matcher failure = matched(FAILURE, line);
        Matcher inside = matched(INSIDE, line);
        if (failure != null) {
          failures.add(failure.group(1) + (failure.group(2) == null ? "" : " " + failure.group(2)));
        } else if (inside != null && !failures.isEmpty()) {
          int last = failures.size() - 1;
          failures.set(last, failures.get(last) + " inside " + inside.group(1));
        }
        continue;
      }
      Matcher request = matched(REQUEST, line);
      Matcher passed = matched(PASSED, line);
      Matcher failed = matched(FAILED, line);
      Matcher scriptError = matched(SCRIPT_ERROR, line);
      Matcher statistic = matched(STATISTIC, line);
      if (request != null) {
        steps.add(request.group(1) + " " + path(request.group(2)) + " -> " + request.group(3));
      } else if (passed != null) {
        steps.add("  " + passed.group(1).toLowerCase(Locale.ROOT) + " " + passed.group(2));
      } else if (failed != null) {
        steps.add("  fail " + failed.group(2));
      } else if (scriptError != null) {
        steps.add("  error " + scriptError.group(2));
      } else if (statistic != null) {
        statistics.put(
            statistic.group(1),
            statistic.group(2) + " executed, " + statistic.group(3) + " failed");
      }
    }
    Map<String, Object> outcome = new LinkedHashMap<>();
    outcome.put("steps", steps);
    outcome.put("statistics", statistics);
    outcome.put("failures", failures);
    return outcome;
  }

  /** The matcher when the whole line matches, else null. */
  private static Matcher matched(Pattern pattern, String line) {
    Matcher matcher = pattern.matcher(line);
    return matcher.matches() ? matcher : null;
  }

  /** A URL without its query. */
  private static String path(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
