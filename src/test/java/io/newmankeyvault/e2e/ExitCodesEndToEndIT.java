package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Each exit code of the exit-code table, produced by the real jar (and real Newman). */
class ExitCodesEndToEndIT {
  @TempDir Path runnerTemp;
  @TempDir Path scratch;

  @RegisterExtension final RecordingServer server = RecordingServer.perTest();

  @AfterEach
  void nothingLeftBehind() {
    assertThat(Jar.entries(runnerTemp)).as("left behind in RUNNER_TEMP").isEmpty();
  }

  private Jar.Result run(String collection, String secretsFile, String newman) throws Exception {
    return Jar.run(
        runnerTemp,
        "-c",
        Jar.fixture(collection).toString(),
        "--secrets-file",
        Jar.fixture(secretsFile).toString(),
        "--newman",
        newman,
        "--",
        "--env-var",
        "baseUrl=" + server.baseUrl());
  }

  @Test
  void exit1WhenAnAssertionFails() throws Exception {
    Jar.Result result = run("failing-collection.json", "e2e.secrets", Jar.newman().toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.stdout()).as(result.toString()).contains("status is 418");
    assertThat(server.only("/failing").header("X-Api-Key")).containsExactly(Canaries.PLAIN);
    Canaries.assertNoCanary("output", result.output());
  }

  @Test
  void exit2ForAMalformedCollectionInOneLineThatQuotesNothing() throws Exception {
    Jar.Result result = run("malformed-collection.json", "e2e.secrets", Jar.newman().toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.stdout()).as(result.toString()).isEmpty();
    assertThat(result.stderr().lines().toList())
        .as(result.toString())
        .singleElement()
        .satisfies(line -> assertThat(line).startsWith("error: ").contains("not valid JSON"));
    assertThat(result.output()).doesNotContain("PLANTED");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void exit2ForABadSecretsFileLineNamingTheLineNotTheValue() throws Exception {
    Jar.Result result = run("failing-collection.json", "bad-line.secrets", Jar.newman().toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.stderr().lines().toList())
        .as(result.toString())
        .singleElement()
        .satisfies(line -> assertThat(line).startsWith("error: ").contains("line 4"));
    assertThat(result.output()).doesNotContain("CANARY").doesNotContain("badline");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void exit4ListsEveryMissingSecretAndDoesNotStartNewman() throws Exception {
    Jar.Result result = run("missing-collection.json", "e2e.secrets", Jar.newman().toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
    assertThat(result.stderr())
        .as(result.toString())
        .contains("secret 'missing'")
        .contains("secret 'also-missing'")
        .doesNotContain("secret 'e2e-plain'")
        .contains("no request was sent");
    assertThat(result.stderr().lines()).allSatisfy(line -> assertThat(line).startsWith("error: "));
    assertThat(result.stdout()).isEmpty();
    Canaries.assertNoCanary("output", result.output());
    assertThat(server.requests()).as("requests: Newman must not have run").isEmpty();
  }

  @Test
  void exit5WhenNewmanCannotBeStarted() throws Exception {
    Jar.Result result = run("failing-collection.json", "e2e.secrets", "/nonexistent/newman");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(5);
    assertThat(result.stderr().lines().toList())
        .as(result.toString())
        .singleElement()
        .satisfies(line -> assertThat(line).startsWith("error: ").contains("/nonexistent/newman"));
    Canaries.assertNoCanary("output", result.output());
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void exit5WhenNewmanExitsWithACodeOtherThan0Or1() throws Exception {
    // A stand-in Newman that never reads the environment pipe and exits 3.
    Path fake = scratch.resolve("newman-exit-3");
    Files.writeString(
        fake, "#!/bin/sh\necho 'fake newman output'\nexit 3\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));

    Jar.Result result = run("failing-collection.json", "e2e.secrets", fake.toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(5);
    assertThat(result.stdout()).contains("fake newman output");
    assertThat(result.stderr()).as(result.toString()).contains("exit code 3");
    Canaries.assertNoCanary("output", result.output());
    assertThat(server.requests()).isEmpty();
  }
}
