package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code --dry-run} on the full e2e fixture: the plan, no value, and no Newman. */
class DryRunEndToEndIT {
  /** Variable, secret name: one row per reference in the fixture (not the disabled entry). */
  private static final Object[][] PLAN = {
    {"db_password", "e2e-tricky"},
    {"OPTION_SECRET", "e2e-option"},
    {"client_secret", "e2e-collection"},
    {"client_cert", "e2e-multiline"},
    {"vault:e2e-token", "e2e-token"},
    {"vault:e2e-plain", "e2e-plain"},
  };

  @TempDir Path runnerTemp;

  @RegisterExtension final RecordingServer server = RecordingServer.perTest();

  @AfterEach
  void nothingRanAndNothingIsLeft() {
    assertThat(server.requests()).as("requests: Newman must not have run").isEmpty();
    assertThat(Jar.entries(runnerTemp)).as("left behind in RUNNER_TEMP").isEmpty();
  }

  private Jar.Result dryRun(String... extra) throws Exception {
    return dryRunOn("250", extra);
  }

  /** A dry run on a terminal {@code columns} wide. */
  private Jar.Result dryRunOn(String columns, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("--newman", Jar.newman().toString(), "--dry-run"));
    args.addAll(List.of(extra));
    args.addAll(List.of("--", "--env-var", "baseUrl=" + server.baseUrl()));
    return Jar.start(
            runnerTemp,
            List.of(),
            java.util.Map.of("COLUMNS", columns),
            Jar.withE2eSecrets(Jar.fixture("collection.json"), args.toArray(String[]::new)))
        .await(Jar.TIMEOUT);
  }

  @Test
  void textPlanListsEveryVariableAndSecretWithoutValues() throws Exception {
    Jar.Result result = dryRun();

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stderr()).as(result.toString()).isEmpty();
    List<String> lines = result.stdout().lines().toList();
    assertThat(lines.get(0)).startsWith("VARIABLE").contains("SECRET");
    for (Object[] row : PLAN) {
      assertThat(lines)
          .as("a plan row for %s", row[0])
          .anySatisfy(
              line ->
                  assertThat(line.split("\\s+"))
                      .startsWith((String) row[0])
                      .contains((String) row[1])
                      .endsWith("ok"));
    }
    assertThat(lines).hasSize(PLAN.length + 2); // header, rows, summary
    assertThat(lines.get(lines.size() - 1))
        .contains("6 variables from 6 secrets")
        .contains("all readable")
        .contains("Newman was not run");
    assertThat(result.stdout()).doesNotContain("legacy_password");
    Canaries.assertNoCanary("output", result.output());
  }

  @Test
  void onEightyColumnsEachVariableIsABlockWithinTheWidth() throws Exception {
    Jar.Result result = dryRunOn("80");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<String> lines = result.stdout().lines().toList();
    // The closing summary stays one line, for scripts; the table fits.
    assertThat(lines.subList(0, lines.size() - 1))
        .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    for (Object[] row : PLAN) {
      int block = lines.indexOf((String) row[0]);
      assertThat(block).as("a block for %s in%n%s", row[0], result.stdout()).isNotNegative();
      int end = block + 1;
      while (end < lines.size() && lines.get(end).startsWith(" ")) {
        end++;
      }
      assertThat(lines.subList(block + 1, end))
          .anySatisfy(line -> assertThat(line).startsWith("  secret ").endsWith(" " + row[1]))
          .anySatisfy(line -> assertThat(line).startsWith("  status ").endsWith(" ok"));
    }
    assertThat(lines.get(lines.size() - 1)).contains("6 variables from 6 secrets", "all readable");
    Canaries.assertNoCanary("output", result.output());
  }

  @Test
  void jsonPlanListsEveryVariableAndSecretWithoutValues() throws Exception {
    Jar.Result result = dryRun("--output", "json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stderr()).as(result.toString()).isEmpty();
    JsonNode plan = new ObjectMapper().readTree(result.stdout());
    assertThat(plan.path("dryRun").asBoolean()).isTrue();
    assertThat(plan.path("ok").asBoolean()).isTrue();
    List<JsonNode> variables = new ArrayList<>();
    plan.path("variables").forEach(variables::add);
    assertThat(variables)
        .extracting(v -> v.path("variable").asText(), v -> v.path("secret").asText())
        .containsExactlyInAnyOrder(
            Arrays.stream(PLAN).map(row -> tuple(row[0], row[1])).toArray(Tuple[]::new));
    assertThat(variables).allSatisfy(v -> assertThat(v.path("readable").asBoolean()).isTrue());
    assertThat(plan.path("summary").path("variables").asInt()).isEqualTo(6);
    assertThat(plan.path("summary").path("secrets").asInt()).isEqualTo(6);
    assertThat(plan.path("summary").path("unreadable").asInt()).isZero();
    assertThat(result.stdout()).doesNotContain("legacy_password");
    Canaries.assertNoCanary("output", result.output());
  }

  @Test
  void aRunWithASecretsFileNeverLoadsTheAzureSdk() throws Exception {
    Path classes =
        runnerTemp.getParent().resolve("loaded-classes-" + ProcessHandle.current().pid() + ".txt");
    try {
      Jar.Result result =
          Jar.start(
                  runnerTemp,
                  List.of("-Xlog:class+load=info:file=" + classes),
                  java.util.Map.of(),
                  Jar.withE2eSecrets(Jar.fixture("collection.json"), "--dry-run"))
              .await(Jar.TIMEOUT);

      assertThat(result.exitCode()).as(result.toString()).isZero();
      String loaded = java.nio.file.Files.readString(classes);
      assertThat(loaded).contains("io.newmankeyvault.run.RunPipeline");
      assertThat(loaded).doesNotContain("com.azure.", "com.microsoft.aad.", "reactor.core.");
    } finally {
      java.nio.file.Files.deleteIfExists(classes);
    }
  }
}
