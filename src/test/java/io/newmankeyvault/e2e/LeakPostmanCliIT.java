package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What only the Postman CLI runner has: its scripts can read {@code {{vault:NAME}}} secrets, which
 * reach it as environment entries named {@code vault:NAME} ({@code pm.environment.get}, {@code
 * toObject()}, {@code replaceIn}: a documented departure from Newman, where the vault scope keeps
 * them from scripts). A collection that prints them every way a script can ({@code
 * test-fixtures/leaks/scripts.json} and its v3 folder) must leave no canary in stdout or stderr
 * (the CLI's console wraps them at 54 columns), in the CLI's log under HOME or in RUNNER_TEMP. The
 * other cases of the Postman CLI runner (its report leak, argv and environment, SIGTERM and
 * SIGKILL) are parameters of {@link LeakMatrixIT} and {@link LeakByConstructionIT}.
 */
class LeakPostmanCliIT {
  private static final Path FIXTURES = Jar.projectDir().resolve("test-fixtures").resolve("leaks");

  @TempDir Path runnerTemp;
  @TempDir Path work;
  @TempDir Path home;

  @RegisterExtension final RecordingServer server = RecordingServer.perTest();
  private List<String> canaries;

  @BeforeEach
  void start() throws IOException {
    canaries = new ArrayList<>(LeakSearch.secretsFileValues(FIXTURES.resolve("leak.secrets")));
  }

  @ParameterizedTest
  @EnumSource(names = {"POSTMAN_CLI", "POSTMAN_CLI_V3"})
  void scriptsThatPrintTheSecretsTheyCanReadShowOnlyMasks(LeakRunner runner) throws Exception {
    List<String> args =
        runner.run(
            FIXTURES.resolve("scripts.json"),
            FIXTURES.resolve("leak.secrets"),
            "--",
            "--env-var",
            "baseUrl=" + server.baseUrl());
    Map<String, String> environment = new HashMap<>(runner.environment(home));
    environment.put("GITHUB_ACTIONS", "true");
    environment.put("GITHUB_STEP_SUMMARY", work.resolve("step-summary.md").toString());
    Jar.Result result =
        Jar.startIn(work, "run", runnerTemp, List.of(), environment, args.toArray(String[]::new))
            .await(Jar.TIMEOUT);

    // Both tests passed: the scripts did read the secrets, and the request carried them.
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(server.only("/echo/scripts").queryParameter("path"))
        .containsExactly(canaries.get(2));
    assertThat(result.stdout()).contains("a script read ***", "space:", "***");
    LeakSearch search = LeakSearch.of(canaries);
    search.assertNone("stdout/stderr", LeakSearch.withoutMaskCommands(result));
    for (Path dir : List.of(work, runnerTemp, home)) {
      search.assertNoneUnder(dir, Set.of());
    }
    assertThat(Jar.entries(runnerTemp)).as("left behind in RUNNER_TEMP").isEmpty();
  }
}
