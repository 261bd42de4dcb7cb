package io.newmankeyvault.newman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewmanInvocationTest {
  private static NewmanInvocation invocation(Path reports, String... passThrough) {
    return new NewmanInvocation(
        List.of("npx", "newman"),
        Path.of("c.json"),
        Path.of("/p/env"),
        reports,
        List.of(passThrough),
        null);
  }

  @Test
  void theEnvironmentIsAPathAndTheUsersOptionsComeLast() {
    assertThat(invocation(null, "--bail", "--timeout-request", "500").arguments())
        .containsExactly(
            "npx",
            "newman",
            "run",
            "c.json",
            "--environment",
            "/p/env",
            "--bail",
            "--timeout-request",
            "500");
  }

  @Test
  void fileReportersWithoutAnExportGoToTheReportsDirectory() {
    assertThat(
            invocation(
                    Path.of("reports"),
                    "-r",
                    "cli,json,junit,htmlextra",
                    "--reporter-junit-export",
                    "my.xml")
                .arguments())
        .containsSubsequence(
            "--reporter-json-export", "reports", "--reporter-htmlextra-export", "reports", "-r")
        .doesNotContain("--reporter-cli-export", "--reporter-junit-export reports");
    assertThat(invocation(Path.of("reports"), "--reporters=progress,junit").fileReporters())
        .containsExactly("junit");
    assertThat(invocation(Path.of("reports")).arguments()).doesNotContain("reports");
  }

  @Test
  void optionsThatWouldLeakOrConflictAreRefused() {
    assertThatThrownBy(() -> NewmanInvocation.checkPassThrough(List.of("--export-globals=g.json")))
        .hasMessageContaining("--export-globals would write every secret");
    assertThatThrownBy(() -> NewmanInvocation.checkPassThrough(List.of("--environment", "x")))
        .hasMessageContaining("not after '--'");
    NewmanInvocation.checkPassThrough(List.of("--env-var", "a=b", "--bail"));
  }

  @Test
  void theToolsOwnJsonReporterWritesIntoThePipeUnlessTheUserHasOne() {
    Path pipe = Path.of("/private/results.json");
    NewmanInvocation none =
        new NewmanInvocation(
            List.of("newman"), Path.of("c.json"), Path.of("/p/env"), null, List.of("--bail"), pipe);
    assertThat(none.arguments())
        .containsSubsequence(
            "--reporters", "cli,json", "--reporter-json-export", "/private/results.json", "--bail");
    NewmanInvocation junit =
        new NewmanInvocation(
            List.of("newman"),
            Path.of("c.json"),
            Path.of("/p/env"),
            Path.of("r"),
            List.of("-r", "cli,junit"),
            pipe);
    assertThat(junit.arguments())
        .containsSubsequence("-r", "cli,junit,json")
        .contains("/private/results.json");
    assertThat(junit.capturesResults()).isTrue();
    NewmanInvocation own =
        new NewmanInvocation(
            List.of("newman"),
            Path.of("c.json"),
            Path.of("/p/env"),
            Path.of("r"),
            List.of("--reporters=json"),
            pipe);
    assertThat(own.capturesResults()).isFalse();
    assertThat(own.arguments()).doesNotContain("/private/results.json");
    assertThat(own.userJsonReport(Path.of("/w"))).isEqualTo(Path.of("/w/r"));
  }

  @Test
  void anRcFileThatExportsTheEnvironmentStopsTheRun(@org.junit.jupiter.api.io.TempDir Path dir)
      throws java.io.IOException {
    java.nio.file.Files.writeString(dir.resolve(".newmanrc"), "{\"run\": {\"bail\": true}}");
    NewmanRcFiles.check(java.util.Map.of("HOME", dir.toString()), dir);
    java.nio.file.Files.createDirectories(dir.resolve(".postman"));
    java.nio.file.Files.writeString(
        dir.resolve(".postman/newmanrc"), "{\"run\": {\"exportEnvironment\": \"env.json\"}}");
    assertThatThrownBy(() -> NewmanRcFiles.check(java.util.Map.of("HOME", dir.toString()), dir))
        .hasMessageContaining(".postman/newmanrc sets Newman's exportEnvironment");
  }
}
