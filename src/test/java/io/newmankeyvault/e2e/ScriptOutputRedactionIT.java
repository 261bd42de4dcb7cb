package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripts that print secrets (console.log, a failing assertion): Newman's CLI output goes through
 * the tool's redactor, which must leave no secret in the CI log.
 */
class ScriptOutputRedactionIT {
  @TempDir Path runnerTemp;

  @RegisterExtension final RecordingServer server = RecordingServer.perTest();

  @AfterEach
  void nothingLeftBehind() {
    assertThat(Jar.entries(runnerTemp)).as("left behind in RUNNER_TEMP").isEmpty();
  }

  @Test
  void secretsPrintedByScriptsAreRedacted() throws Exception {
    Jar.Result result = Jar.run(runnerTemp, Jar.newmanAgainst(server, "console-collection.json"));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1); // the assertion fails
    RecordedRequest request = server.only("/console");
    assertThat(request.header("X-Long")).containsExactly(Canaries.LONG);
    assertThat(request.body()).isEqualTo(Canaries.MULTILINE.getBytes(StandardCharsets.UTF_8));

    String output = result.output();
    assertThat(output).as(result.toString()).contains("***");
    // console.log of a short plain secret and of a multi-line one: redacted today.
    assertThat(output).doesNotContain(Canaries.PLAIN);
    for (String line : Canaries.MULTILINE.split("\n")) {
      assertThat(output).doesNotContain(line);
    }

    // (a) console.log of a secret longer than Newman's wrap width (54 columns when stdout is not a
    //     TTY) is printed over two lines: the tool redacts the box's lines as one text.
    assertThat(output).doesNotContain(Canaries.LONG.substring(0, 20));
    assertThat(output).doesNotContain(Canaries.LONG.substring(Canaries.LONG.length() - 20));
    // (b) console.log prints strings with util.inspect, which doubles every backslash: the
    //     redactor knows that form.
    assertThat(output).doesNotContain("back\\\\slash");
    // (c) a failing chai assertion shortens values over 40 characters to a 37-character prefix
    //     and '…': the redactor knows that form too.
    assertThat(output).doesNotContain(Canaries.LONG.substring(0, 30));
    Canaries.assertNoCanary("output", output);
  }
}
