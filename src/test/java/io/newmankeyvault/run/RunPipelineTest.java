package io.newmankeyvault.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newmankeyvault.base.ExitCode;
import io.newmankeyvault.base.FailureKind;
import io.newmankeyvault.base.ShutdownHooks;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.hydrate.SecretSourceChoice;
import io.newmankeyvault.keyvault.AuthMode;
import io.newmankeyvault.keyvault.KeyVaultOptions;
import io.newmankeyvault.keyvault.KeyVaultSecretSource;
import io.newmankeyvault.network.Proxies;
import io.newmankeyvault.newman.RunnerArguments;
import io.newmankeyvault.postman.PostmanApi;
import io.newmankeyvault.postman.PostmanRef;
import io.newmankeyvault.postman.RetryPolicy;
import io.newmankeyvault.redact.Output;
import io.newmankeyvault.testing.FakePostmanApi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline in-process, with a shell command standing in for Newman: what it hands over, what it
 * registers for a stop of the process, and that it leaves nothing behind.
 */
class RunPipelineTest {
  private static final KeyVaultOptions SIGN_IN =
      new KeyVaultOptions(
          AuthMode.AUTO,
          null,
          null,
          null,
          null,
          null,
          KeyVaultOptions.DEFAULT_AUDIENCE,
          8,
          KeyVaultOptions.DEFAULT_DEADLINE,
          Proxies.none(),
          Map.of());

  private static final String SECRET = "CANARY-pipeline-7d2e-END";

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<String> hooks = new ArrayList<>();

  /** Records registrations and their withdrawal instead of touching the JVM's hooks. */
  private final ShutdownHooks recording =
      cleanup -> {
        hooks.add("registered");
        return () -> hooks.add("withdrawn");
      };

  private RunPipeline pipeline() {
    return pipeline(Map.of());
  }

  private RunPipeline pipeline(Map<String, String> extraEnvironment) {
    Output output =
        new Output(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            value -> List.of());
    Map<String, String> environment = new HashMap<>(extraEnvironment);
    environment.put("RUNNER_TEMP", dir.resolve("runner-temp").toString());
    environment.put("PATH", System.getenv("PATH"));
    return new RunPipeline(output, environment, RetryPolicy.DEFAULT, "test", recording);
  }

  private RunOptions options(List<String> newman, boolean dryRun) throws IOException {
    Path collection =
        Files.writeString(
            dir.resolve("collection.json"),
            "{\"item\":[{\"request\":\"https://example.com/?k={{vault:api-key}}\"}]}");
    Path environment =
        Files.writeString(
            dir.resolve("environment.json"),
            "{\"values\":[{\"key\":\"db\",\"value\":\"akv://kv-test/db-password\"},{\"key\":\"plain\",\"value\":\"x\"}]}");
    Path secrets =
        Files.writeString(
            dir.resolve("s.secrets"), "api-key=" + SECRET + "\ndb-password=" + SECRET + "-db\n");
    return new RunOptions(
        new RunOptions.Documents(
            PostmanRef.parse(collection.toString()),
            PostmanRef.parse(environment.toString()),
            null,
            URI.create(PostmanApi.DEFAULT_URL),
            null),
        new RunOptions.Secrets(
            new SecretSourceChoice(
                "kv-test",
                null,
                null,
                Map.of(),
                secrets,
                null,
                protect -> new KeyVaultSecretSource(SIGN_IN, protect)),
            List.of(),
            Map.of(),
            false,
            List.of(),
            List.of()),
        new RunOptions.Network(null, Proxies.none()),
        Sharding.NONE,
        new RunOptions.RunnerSetup(
            newman, RunnerChoice.DEFAULT, List.of(), RunnerArguments.NONE, null),
        dryRun,
        OutputFormat.text,
        false);
  }

  @Test
  void handsTheHydratedEnvironmentToNewmanAndLeavesNothingBehind() throws IOException {
    Path copy = dir.resolve("what-newman-read.json");
    Path vault = dir.resolve("what-the-preload-read.json");
    Path nodeOptions = dir.resolve("node-options.txt");
    // Stands in for Newman: confirms its guard as the guard would (the marker in the private
    // directory), copies the file after --environment (a named pipe) and the vault scope's pipe
    // that the guard would read, notes NODE_OPTIONS, and exits 0.
    List<String> newman =
        List.of(
            "sh",
            "-c",
            "printf %s \"$NODE_OPTIONS\" > '"
                + nodeOptions
                + "'; d=$(dirname \"$NKV_GUARD\"); touch \"$d/supervised\"; cat \"$d/vault.json\" > '"
                + vault
                + "'; while [ $# -gt 0 ]; do [ \"$1\" = --environment ] && cat \"$2\" > '"
                + copy
                + "'; shift; done",
            "newman");

    int code = pipeline().run(options(newman, false));

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.OK);
    assertThat(Files.readString(copy))
        .contains("\"key\":\"db\",\"value\":\"" + SECRET + "-db\"")
        .contains("\"key\":\"plain\",\"value\":\"x\"")
        .as("{{vault:}} secrets are never environment entries")
        .doesNotContain("vault:api-key")
        .doesNotContain(SECRET + "\"");
    assertThat(Files.readString(vault))
        .matches(
            "\\{\"values\":\\[\\{\"key\":\"vault:api-key\","
                + "\"value\":\""
                + SECRET
                + "\",\"type\":\"secret\"}],\"policy\":\\[]}");
    assertThat(Files.readString(nodeOptions))
        .startsWith("--require \"")
        .endsWith("newman-guard.js\"");
    assertThat(hooks).containsExactly("registered", "withdrawn");
    try (var left = Files.list(dir.resolve("runner-temp"))) {
      assertThat(left).as("the private directory is removed").isEmpty();
    }
    assertThat(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8))
        .doesNotContain(SECRET);
  }

  @Test
  void aDryRunPlansWithoutStartingNewman() throws IOException {
    int code = pipeline().run(options(List.of("sh", "-c", "exit 99"), true));

    assertThat(code).isEqualTo(ExitCode.OK);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("db", "vault:api-key", "2 variables from 2 secrets")
        .doesNotContain(SECRET);
  }

  /**
   * A stand-in for Newman that, like Newman, prints a line at its start and then reads the
   * environment; it marks both, so a test knows that it was started early and whether it got its
   * inputs.
   */
  private List<String> markingNewman() {
    return List.of(
        "sh",
        "-c",
        "echo NEWMAN-STARTED; touch '"
            + dir.resolve("started")
            + "'; while [ $# -gt 0 ]; do [ \"$1\" = --environment ] && cat \"$2\" >/dev/null"
            + " && touch '"
            + dir.resolve("read-environment")
            + "'; shift; done",
        "newman");
  }

  @Test
  void aMissingSecretStopsTheEarlyNewmanBeforeItReadsAnythingAndStillCleansUp() throws IOException {
    RunOptions options = options(markingNewman(), false);
    Files.writeString(options.secrets().source().secretsFile(), "api-key=" + SECRET + "\n");

    assertThatThrownBy(() -> pipeline().run(options))
        .isInstanceOfSatisfying(
            UserFacingException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.SECRETS))
        .hasMessageContaining("db-password")
        .hasMessageNotContaining(SECRET);
    assertThat(dir.resolve("read-environment")).doesNotExist();
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("NEWMAN-STARTED");
    assertThat(hooks).containsExactly("registered", "withdrawn");
    try (var left = Files.list(dir.resolve("runner-temp"))) {
      assertThat(left).as("the private directory is removed").isEmpty();
    }
  }

  @Test
  void newmanStartsBeforeTheDownloadEndsAndWhatItPrintedIsDroppedWhenTheDownloadFails()
      throws IOException {
    try (FakePostmanApi postman = new FakePostmanApi("PMAK-test")) {
      // The API answers (404: no such environment) only once the stand-in has started and printed.
      postman.holdUntil(() -> Files.exists(dir.resolve("started")));
      RunOptions local = options(markingNewman(), false);
      Path reports = dir.resolve("reports");
      RunOptions options =
          new RunOptions(
              new RunOptions.Documents(
                  local.documents().collection(),
                  PostmanRef.parse("12345-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"),
                  null,
                  URI.create(postman.url()),
                  null),
              local.secrets(),
              local.network(),
              Sharding.NONE,
              new RunOptions.RunnerSetup(
                  local.runner().newman(),
                  RunnerChoice.DEFAULT,
                  List.of(),
                  RunnerArguments.NONE,
                  reports),
              false,
              OutputFormat.text,
              false);

      assertThatThrownBy(() -> pipeline(Map.of("POSTMAN_API_KEY", "PMAK-test")).run(options))
          .isInstanceOfSatisfying(
              UserFacingException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.POSTMAN));

      assertThat(dir.resolve("started")).as("Newman was started before the download").exists();
      assertThat(dir.resolve("read-environment")).doesNotExist();
      assertThat(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8))
          .doesNotContain("NEWMAN-STARTED");
      assertThat(reports).as("the reports directory the run made is removed").doesNotExist();
      try (var left = Files.list(dir.resolve("runner-temp"))) {
        assertThat(left).as("the private directory is removed").isEmpty();
      }
    }
  }
}
