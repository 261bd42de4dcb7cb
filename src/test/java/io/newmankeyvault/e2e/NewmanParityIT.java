package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
  private static final Map<String, Boolean> SAME = new ConcurrentHashMap<>();

  private static EchoServer echo;

  @TempDir Path temp;

  @BeforeAll
  static void startEchoServer() throws IOException {
    echo = EchoServer.start();
  }

  @AfterAll
  static void stopEchoServer() throws InterruptedException, IOException {
    echo.stop();
    long same = SAME.values().stream().filter(b -> b).count();
    ParityCorpus.writeReport(
        "parity-report.txt",
        "parity: "
            + same
            + " of "
            + SAME.size()
            + " cases the same, "
            + (SAME.size() - same)
            + " different\n");
  }

  static Stream<String> cases() throws IOException {
    return ParityCorpus.cases().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theToolRunsTheCaseAsPlainNewmanDoes(String name) throws Exception {
    SAME.put(name, false);
    Path dir = ParityCorpus.dir(name);
    List<String> newmanArgs = ParityCorpus.newmanArgs(dir);
    // The JUnit report too: the tool removes one that redaction left malformed (exit 70).
    newmanArgs.addAll(
        List.of("--env-var", "baseUrl=" + echo.baseUrl(), "--reporters", "json,junit"));

    // Plain Newman, with the environment a user would have had with the secrets in clear.
    Path plainReport = temp.resolve("plain.json");
    List<String> plain =
        new ArrayList<>(
            List.of(Jar.newman().toString(), "run", dir.resolve("collection.json").toString()));
    Path baselineEnvironment = ParityCorpus.baselineEnvironment(dir);
    if (baselineEnvironment != null) {
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
    List<String> tool =
        new ArrayList<>(
            List.of(
                "-c", dir.resolve("collection.json").toString(),
                "--key-vault", "kv-parity",
                "--secrets-file", ParityCorpus.secrets(dir, temp).toString(),
                "--newman", Jar.newman().toString()));
    Path environment = ParityCorpus.environment(dir);
    if (environment != null) {
      tool.addAll(List.of("-e", environment.toString()));
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
    assertThat(ParityCorpus.outcome(toolReport))
        .as(context)
        .isEqualTo(ParityCorpus.outcome(plainReport));
    assertThat(temp.resolve("tool.xml")).as("the JUnit report").exists();
    SAME.put(name, true);
  }
}
