package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tool as a transparent stand-in for Newman: each case of {@code test-fixtures/parity} is run
 * with plain Newman and through the tool, on the same files, against the same local echo API, and
 * the two runs must agree on the exit code, Newman's run statistics, and every request's response
 * code and every assertion's result, in order. See {@code test-fixtures/parity/README.md} for the
 * layout of a case.
 */
class NewmanParityIT {
  private static final Path CORPUS = Jar.projectDir().resolve("test-fixtures").resolve("parity");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Boolean> SAME = new ConcurrentHashMap<>();

  private static Process echo;
  private static String baseUrl;

  @TempDir Path temp;

  @BeforeAll
  static void startEchoServer() throws IOException {
    Path server =
        Jar.projectDir().resolve("test-fixtures").resolve("demo").resolve("echo-server.js");
    echo = new ProcessBuilder("node", server.toString()).redirectErrorStream(true).start();
    String port =
        new BufferedReader(new InputStreamReader(echo.getInputStream(), StandardCharsets.UTF_8))
            .readLine();
    baseUrl = "http://127.0.0.1:" + port;
  }

  @AfterAll
  static void stopEchoServer() throws InterruptedException, IOException {
    echo.destroy();
    echo.waitFor(5, TimeUnit.SECONDS);
    long same = SAME.values().stream().filter(b -> b).count();
    // Written, not printed: a passing build stays quiet (each difference fails its own case).
    Files.writeString(
        Jar.projectDir().resolve("target").resolve("parity-report.txt"),
        "parity: "
            + same
            + " of "
            + SAME.size()
            + " cases the same, "
            + (SAME.size() - same)
            + " different\n");
  }

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(CORPUS)) {
      return dirs
          .filter(Files::isDirectory)
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theToolRunsTheCaseAsPlainNewmanDoes(String name) throws Exception {
    SAME.put(name, false);
    Path dir = CORPUS.resolve(name);
    List<String> newmanArgs = new ArrayList<>();
    Path argsFile = dir.resolve("newman-args");
    if (Files.exists(argsFile)) {
      for (String line : Files.readAllLines(argsFile)) {
        if (!line.isEmpty()) {
          newmanArgs.add(line.replace("{case}", dir.toString()));
        }
      }
    }
    // The JUnit report too: the tool removes one that redaction left malformed (exit 70).
    newmanArgs.addAll(List.of("--env-var", "baseUrl=" + baseUrl, "--reporters", "json,junit"));

    // Plain Newman, with the environment a user would have had with the secrets in clear.
    Path plainReport = temp.resolve("plain.json");
    List<String> plain =
        new ArrayList<>(
            List.of(Jar.newman().toString(), "run", dir.resolve("collection.json").toString()));
    Path baselineEnvironment =
        Files.exists(dir.resolve("baseline-environment.json"))
            ? dir.resolve("baseline-environment.json")
            : dir.resolve("environment.json");
    if (Files.exists(baselineEnvironment)) {
      plain.addAll(List.of("-e", baselineEnvironment.toString()));
    }
    plain.addAll(newmanArgs);
    plain.addAll(
        List.of(
            "--reporter-json-export",
            plainReport.toString(),
            "--reporter-junit-export",
            temp.resolve("plain.xml").toString()));
    Process process =
        new ProcessBuilder(plain)
            .directory(Jar.projectDir().toFile())
            .redirectErrorStream(true)
            .start();
    String plainOutput =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    int plainExit = process.exitValue();

    // The tool, with the references and its secrets file.
    Path toolReport = temp.resolve("tool.json");
    Path secrets = dir.resolve("secrets");
    if (!Files.exists(secrets)) {
      secrets = Files.writeString(temp.resolve("none.secrets"), "# no secrets in this case\n");
    }
    List<String> tool =
        new ArrayList<>(
            List.of(
                "-c", dir.resolve("collection.json").toString(),
                "--key-vault", "kv-parity",
                "--secrets-file", secrets.toString(),
                "--newman", Jar.newman().toString()));
    if (Files.exists(dir.resolve("environment.json"))) {
      tool.addAll(List.of("-e", dir.resolve("environment.json").toString()));
    }
    tool.add("--");
    tool.addAll(newmanArgs);
    tool.addAll(
        List.of(
            "--reporter-json-export",
            toolReport.toString(),
            "--reporter-junit-export",
            temp.resolve("tool.xml").toString()));
    Path runnerTemp = Files.createDirectories(temp.resolve("runner-temp"));
    Jar.Result result = Jar.run(runnerTemp, tool.toArray(String[]::new));

    String context = "plain Newman:\n" + plainOutput + "\nthrough the tool: " + result;
    assertThat(result.exitCode()).as("exit code; " + context).isEqualTo(plainExit);
    assertThat(outcome(toolReport)).as(context).isEqualTo(outcome(plainReport));
    assertThat(temp.resolve("tool.xml")).as("the JUnit report").exists();
    SAME.put(name, true);
  }

  /** What a run did, from its JSON report: statistics, then each request and its assertions. */
  private static Map<String, Object> outcome(Path report) throws IOException {
    assertThat(report).as("a JSON report").exists();
    JsonNode run = JSON.readTree(report.toFile()).path("run");
    Map<String, Object> outcome = new LinkedHashMap<>();
    run.path("stats")
        .fields()
        .forEachRemaining(stat -> outcome.put(stat.getKey(), stat.getValue().toString()));
    List<String> executions = new ArrayList<>();
    for (JsonNode execution : run.path("executions")) {
      StringBuilder line =
          new StringBuilder(execution.path("item").path("name").asText("(unnamed)"));
      line.append(" -> ")
          .append(
              execution.has("response")
                  ? execution.path("response").path("code").asText()
                  : "no response");
      if (execution.has("requestError")) {
        line.append(" (request error)");
      }
      for (JsonNode assertion : execution.path("assertions")) {
        line.append(" | ")
            .append(assertion.path("assertion").asText())
            .append(
                assertion.path("skipped").asBoolean()
                    ? ": skipped"
                    : assertion.has("error") ? ": failed" : ": passed");
      }
      executions.add(line.toString());
    }
    outcome.put("executions", executions);
    outcome.put("failures", run.path("failures").size());
    return outcome;
  }
}
