package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the jar on a collection that uses every kind of secret reference against a recording server,
 * with real Newman, and checks byte for byte what the server received.
 */
class RunEndToEndIT {
  @TempDir Path runnerTemp;

  @RegisterExtension final RecordingServer server = RecordingServer.perTest();

  private static final String NO_REQUEST =
      "Newman sent no request: the collection, or the part of it that --folder or --shard"
          + " selects, has none (the exit code is Newman's)";

  @Test
  void aRunThatSendsNoRequestWarnsAndInCiAnnotatesWithNewmansExitCode() throws Exception {
    Path empty =
        java.nio.file.Files.writeString(
            runnerTemp.resolve("empty.json"),
            "{\"info\":{\"name\":\"empty\",\"schema\":\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},\"item\":[]}");
    String[] args = {"-c", empty.toString(), "--newman", Jar.newman().toString()};

    Jar.Result plain = Jar.run(runnerTemp, args);

    assertThat(plain.exitCode()).as(plain.toString()).isZero();
    assertThat(plain.stderr()).contains("newman-keyvault: warning: " + NO_REQUEST + "\n");

    Jar.Result github =
        Jar.start(runnerTemp, java.util.List.of(), java.util.Map.of("GITHUB_ACTIONS", "true"), args)
            .await(Jar.TIMEOUT);

    assertThat(github.exitCode()).as(github.toString()).isZero();
    assertThat(github.stdout())
        .contains(
            "::warning title=newman-keyvault%3A no request sent::"
                + NO_REQUEST.replace("%", "%25")
                + "\n");
  }

  @Test
  void everySecretArrivesByteForByteAndNothingIsLeftOrPrinted() throws Exception {
    Jar.Result result =
        Jar.run(
            runnerTemp,
            Jar.withE2eSecrets(
                Jar.fixture("collection.json"),
                "--newman",
                Jar.newman().toString(),
                "--",
                "--env-var",
                "baseUrl=" + server.baseUrl()));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    Canaries.assertEveryOneArrived(server, result.toString());
    // The "enabled": false entry is dropped from the body too.
    assertThat(server.only("/disabled").bodyText()).isEqualTo("legacy={{legacy_password}}");

    Canaries.assertNoCanary("stdout", result.stdout());
    Canaries.assertNoCanary("stderr", result.stderr());
    assertThat(result.stdout()).as("Newman's redacted output").contains("***");
    assertThat(Jar.entries(runnerTemp)).as("left behind in RUNNER_TEMP").isEmpty();
  }
}
