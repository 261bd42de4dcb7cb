package io.newmankeyvault.newman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewmanInvocationTest {
  private static NewmanInvocation invocation(Path reports, String... passThrough) {
    return new NewmanInvocation(
        List.of("npx", "newman"), Path.of("c.json"), Path.of("/p/env"), reports, List.of(passThrough));
  }

  @Test
  void theEnvironmentIsAPathAndTheUsersOptionsComeLast() {
    assertThat(invocation(null, "--bail", "--timeout-request", "500").arguments())
        .containsExactly(
            "npx", "newman", "run", "c.json", "--environment", "/p/env", "--bail",
            "--timeout-request", "500");
  }

  @Test
  void fileReportersWithoutAnExportGoToTheReportsDirectory() {
    assertThat(
            invocation(
                    Path.of("reports"),
                    "-r", "cli,json,junit,htmlextra",
                    "--reporter-junit-export", "my.xml")
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
}
