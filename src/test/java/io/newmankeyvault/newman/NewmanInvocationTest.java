package io.newmankeyvault.newman;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Newman's command line: what Newman makes of the options is its guard's business. */
class NewmanInvocationTest {
  @Test
  void theEnvironmentIsAPathAndTheUsersOptionsComeLastAsGiven() {
    NewmanInvocation invocation =
        new NewmanInvocation(
            List.of("npx", "newman"),
            Path.of("c.json"),
            Path.of("/p/env"),
            List.of("--bail", "-rjson,junit", "--reporter-json-EXPORT", "r.json"));
    assertThat(invocation.arguments())
        .containsExactly(
            "npx",
            "newman",
            "run",
            "c.json",
            "--environment",
            "/p/env",
            "--bail",
            "-rjson,junit",
            "--reporter-json-EXPORT",
            "r.json");
  }
}
