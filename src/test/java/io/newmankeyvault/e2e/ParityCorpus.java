package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The parity corpus, {@code test-fixtures/parity} (see its README), as the parity tests read it:
 * its cases, each case's files and Newman options, and what a run did from its JSON report.
 */
final class ParityCorpus {
  static final Path CORPUS = Jar.projectDir().resolve("test-fixtures").resolve("parity");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ParityCorpus() {}

  /** The cases' names, sorted. */
  static List<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(CORPUS)) {
      return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
    }
  }

  /** The case's directory. */
  static Path dir(String name) {
    return CORPUS.resolve(name);
  }

  /** The case's {@code newman-args}, one argument a line, {@code {case}} replaced; or none. */
  static List<String> newmanArgs(Path dir) throws IOException {
    List<String> args = new ArrayList<>();
    Path argsFile = dir.resolve("newman-args");
    if (Files.exists(argsFile)) {
      for (String line : Files.readAllLines(argsFile)) {
        if (!line.isEmpty()) {
          args.add(line.replace("{case}", dir.toString()));
        }
      }
    }
    return args;
  }

  /** What the tool gets with {@code -e}, or null. */
  static Path environment(Path dir) {
    Path environment = dir.resolve("environment.json");
    return Files.exists(environment) ? environment : null;
  }

  /**
   * What the plain runner gets with {@code -e}: the environment with the secrets in clear, or the
   * tool's when the case has none with references; or null.
   */
  static Path baselineEnvironment(Path dir) {
    Path baseline = dir.resolve("baseline-environment.json");
    return Files.exists(baseline) ? baseline : environment(dir);
  }

  /** The case's secrets file (the stand-in for Key Vault {@code kv-parity}), or an empty one. */
  static Path secrets(Path dir, Path temp) throws IOException {
    Path secrets = dir.resolve("secrets");
    return Files.exists(secrets)
        ? secrets
        : Files.writeString(temp.resolve("none.secrets"), "# no secrets in this case\n");
  }

  /**
   * What a run did, from its JSON report in Newman's shape: statistics, then each request and its
   * assertions, then the number of failures.
   */
  static Map<String, Object> outcome(Path report) throws IOException {
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

  /**
   * Writes a report under {@code target}: written, not printed, so a passing build stays quiet
   * (each difference fails its own case).
   */
  static void writeReport(String file, String text) throws IOException {
    Files.writeString(Jar.projectDir().resolve("target").resolve(file), text);
  }
}
