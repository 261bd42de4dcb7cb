package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar with the real, pinned Postman CLI as its runner: a v3 collection folder made by {@code
 * postman collection migrate} from RunEndToEndIT's collection, against a recording server; what
 * arrives, what is printed, what is left, and each way the run can fail.
 */
class PostmanCliEndToEndIT {
  @TempDir Path runnerTemp;
  @TempDir Path work;

  @RegisterExtension final RecordingServer server = RecordingServer.perTest();

  private String[] args(Path collection, String... more) {
    List<String> args =
        new java.util.ArrayList<>(List.of("--postman-cli", Jar.postmanCli().toString()));
    args.addAll(List.of(more));
    return Jar.withE2eSecrets(collection, args.toArray(String[]::new));
  }

  @Test
  void aV3FolderRunsWithThePostmanCliAndEverySecretArrivesByteForByte() throws Exception {
    Path home = Files.createDirectories(work.resolve("home"));
    Jar.Result result =
        Jar.start(
                runnerTemp,
                List.of(),
                Map.of("HOME", home.toString()),
                args(
                    Jar.v3Fixture("e2e/collection"),
                    "--",
                    "--env-var",
                    "baseUrl=" + server.baseUrl()))
            .await(Jar.TIMEOUT);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stderr()).contains("starting the Postman CLI (");
    Canaries.assertEveryOneArrived(server, result.toString());
    Canaries.assertNoCanary("stdout", result.stdout());
    Canaries.assertNoCanary("stderr", result.stderr());
    assertThat(result.stdout()).as("the CLI's redacted output").contains("***");
    assertThat(Jar.entries(runnerTemp)).as("left behind in RUNNER_TEMP").isEmpty();
    // The CLI's log (~/.postman/logs) went into its private HOME, and with it.
    assertThat(Jar.entries(home)).as("written into the user's HOME").isEmpty();
  }

  @Test
  void aV21CollectionRunsWithThePostmanCliWhenAskedAndItsReportsArePublishedRedacted()
      throws Exception {
    Path reports = work.resolve("reports");
    Jar.Result result =
        Jar.run(
            runnerTemp,
            args(
                Jar.fixture("collection.json"),
                "--runner",
                "postman-cli",
                "--reports-dir",
                reports.toString(),
                "--",
                "-r",
                "cli,json,junit,html",
                "--env-var",
                "baseUrl=" + server.baseUrl()));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(server.requests()).hasSize(8);
    List<Path> published;
    try (Stream<Path> files = Files.list(reports)) {
      published = files.sorted().toList();
    }
    assertThat(published)
        .extracting(file -> file.getFileName().toString().replaceAll("-[0-9-]+\\.", "-STAMP."))
        .containsExactly(
            "newman-keyvault-e2e-STAMP.html",
            "newman-keyvault-e2e-STAMP.json",
            "newman-keyvault-e2e-STAMP.xml");
    for (Path file : published) {
      String text = Files.readString(file, StandardCharsets.ISO_8859_1);
      Canaries.assertNoCanary(file.getFileName().toString(), text);
    }
    Path json = published.get(1);
    assertThat(io.newmankeyvault.base.Json.MAPPER.readTree(json.toFile()).isObject())
        .as("the redacted JSON report still parses")
        .isTrue();
    Canaries.assertNoCanary("stdout", result.stdout());
    assertThat(Jar.entries(runnerTemp)).isEmpty();
  }

  @Test
  void aSecureVariableOfAV3EnvironmentArrives() throws Exception {
    Path secrets = work.resolve("secure.secrets");
    Files.writeString(secrets, "api-key=" + Canaries.PLAIN + "\n");
    Jar.Result result =
        Jar.run(
            runnerTemp,
            "-c",
            Jar.v3Fixture("e2e/secure-variable").toString(),
            "-e",
            Jar.v3Fixture("sources/secure-variable.environment.yaml").toString(),
            "--secrets-file",
            secrets.toString(),
            "--postman-cli",
            Jar.postmanCli().toString(),
            "--",
            "--env-var",
            "baseUrl=" + server.baseUrl());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(server.only("/secure").header("X-Api-Key")).containsExactly(Canaries.PLAIN);
    Canaries.assertNoCanary("output", result.output());
    assertThat(Jar.entries(runnerTemp)).isEmpty();
  }

  @Test
  void failingAssertionsAreExitOne() throws Exception {
    Jar.Result result =
        Jar.run(
            runnerTemp,
            args(
                Jar.v3Fixture("e2e/failing-collection"),
                "--",
                "--env-var",
                "baseUrl=" + server.baseUrl()));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.stdout()).contains("status is 418");
    Canaries.assertNoCanary("output", result.output());
  }

  @Test
  void aMissingPostmanCliIsExitFiveAndSaysHowToInstallIt() throws Exception {
    Jar.Result result =
        Jar.run(
            runnerTemp,
            "-c",
            Jar.v3Fixture("e2e/collection").toString(),
            "-e",
            Jar.fixture("environment.json").toString(),
            "--secrets-file",
            Jar.fixture("e2e.secrets").toString(),
            "--postman-cli",
            work.resolve("no-such-postman").toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(5);
    assertThat(result.stderr())
        .endsWith(
            "error: could not start the Postman CLI ('"
                + work.resolve("no-such-postman")
                + "'): install it (npm install --global postman-cli) or point --postman-cli at"
                + " it\n");
    assertThat(server.requests()).isEmpty();
    Canaries.assertNoCanary("output", result.output());
    assertThat(Jar.entries(runnerTemp)).isEmpty();
  }

  @Test
  void newmanOnlyOptionsAndNewmansGuardOptionsAreRefusedBeforeAnythingStarts() throws Exception {
    Jar.Result folder =
        Jar.run(runnerTemp, args(Jar.v3Fixture("e2e/collection"), "--", "--folder", "x"));
    assertThat(folder.exitCode()).as(folder.toString()).isEqualTo(2);
    assertThat(folder.stderr())
        .endsWith(
            "error: --folder after '--' is not passed to the Postman CLI: the Postman CLI's"
                + " equivalent is -i FOLDER\n");

    Jar.Result domains =
        Jar.run(
            runnerTemp,
            args(Jar.v3Fixture("e2e/collection"), "--allowed-domains", "e2e-plain=127.0.0.1"));
    assertThat(domains.exitCode()).as(domains.toString()).isEqualTo(2);
    assertThat(domains.stderr()).contains("error: --allowed-domains needs Newman: ");

    Jar.Result newman =
        Jar.run(runnerTemp, args(Jar.v3Fixture("e2e/collection"), "--runner", "newman"));
    assertThat(newman.exitCode()).as(newman.toString()).isEqualTo(2);
    assertThat(newman.stderr()).contains("which only the Postman CLI runs");

    assertThat(server.requests()).isEmpty();
    Canaries.assertNoCanary("output", folder.output() + domains.output() + newman.output());
    assertThat(Jar.entries(runnerTemp)).isEmpty();
  }

  @Test
  void theDryRunOfAV3FolderNamesThePostmanCli() throws Exception {
    Jar.Result result =
        Jar.start(
                runnerTemp,
                List.of(),
                Map.of("COLUMNS", "250"),
                args(Jar.v3Fixture("e2e/collection"), "--dry-run"))
            .await(Jar.TIMEOUT);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).contains("all readable; the Postman CLI was not run (dry run)");
    assertThat(result.stdout()).contains("client_secret").contains("vault:e2e-plain");
    Canaries.assertNoCanary("output", result.output());
  }
}
