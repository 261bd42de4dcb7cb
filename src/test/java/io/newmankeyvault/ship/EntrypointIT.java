package io.newmankeyvault.ship;

import static org.assertj.core.api.Assertions.assertThat;

import io.newmankeyvault.testing.TestJava;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitHub Action's entrypoint, run outside the container the way the runner runs it inside:
 * {@code bash docker/entrypoint.sh} with the launcher ({@code docker/newman-keyvault}) on PATH,
 * pointed at the built jar through NKV_JAR, and the environment the runner sets for a docker action
 * (GITHUB_ACTIONS, GITHUB_OUTPUT, RUNNER_TEMP and the inputs under their NKV_* names), against the
 * bundled demo and its local echo API.
 */
class EntrypointIT {
  private static final Path DEMO = Repo.path("test-fixtures/demo");

  @TempDir Path temp;

  private Process echoServer;

  @AfterEach
  void stopEchoServer() throws InterruptedException {
    if (echoServer != null) {
      echoServer.destroy();
      echoServer.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void dryRunWithMultiLineInputsWritesTheOutputsAndExitsZero() throws Exception {
    Map<String, String> env = actionEnvironment();
    env.put("NKV_DRY_RUN", "true");
    env.put(
        "NKV_SECRETS",
        "EXTRA_TOKEN=akv://demo-vault/api-token\n\n# a comment\nEXTRA_KEY={{vault:demo-api-key}}\n");
    env.put("NKV_MAP", "demo-api-key=demo-api-key\n");
    Path pwned = temp.resolve("pwned");
    // Neither command substitution nor globbing may happen to these words.
    env.put("NKV_NEWMAN_ARGS", "--bail\n--env-var probe=$(touch " + pwned + ") --env-var star=*");

    Result result = entrypoint(env);

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.stdout)
        .as(result.toString())
        .contains("EXTRA_TOKEN", "EXTRA_KEY", "db_password", "Newman was not run (dry run)");
    assertThat(Files.exists(pwned)).as("$(...) in newman-args was executed").isFalse();
    assertThat(githubOutput())
        .isEqualTo("earlier=kept\nexit-code=0\nreports-dir=" + reportsDir() + "\n");
    assertNoSecretValueIn(result);
    assertThat(listRecursively(temp.resolve("runner-temp"))).as("left in RUNNER_TEMP").isEmpty();
  }

  @Test
  void realRunAgainstTheDemoPassesAndWritesItsReportIntoTheReportsDir() throws Exception {
    int port = startEchoServer();
    Map<String, String> env = actionEnvironment();
    env.put("NKV_DRY_RUN", "false");
    env.put(
        "NKV_NEWMAN_ARGS",
        "--env-var baseUrl=http://127.0.0.1:" + port + " --bail\n\t--reporters cli,junit");

    Result result = entrypoint(env);

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.stdout).as(result.toString()).contains("the multi-line secret arrived");
    assertThat(githubOutput())
        .isEqualTo(
            "earlier=kept\nrequests=4\nassertions=4\nfailures=0\nexit-code=0\nreports-dir="
                + reportsDir()
                + "\n");
    assertThat(listRecursively(reportsDir())).anyMatch(p -> p.toString().endsWith(".xml"));
    assertNoSecretValueIn(result);
  }

  @Test
  void newmanArgsExactlyAsTheIssueGivesThem() throws Exception {
    int port = startEchoServer();
    Map<String, String> env = actionEnvironment();
    env.put("NKV_NEWMAN_ARGS", "--env-var baseUrl=http://127.0.0.1:" + port + " --bail");

    Result result = entrypoint(env);

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(githubOutput()).contains("exit-code=0\n");
    assertNoSecretValueIn(result);
  }

  @Test
  void aMissingSecretExitsFourAndSaysSoInTheOutputs() throws Exception {
    Map<String, String> env = actionEnvironment();
    env.put("NKV_SECRETS", "NOT_THERE=akv://demo-vault/no-such-secret");

    Result result = entrypoint(env);

    assertThat(result.exitCode).as(result.toString()).isEqualTo(4);
    assertThat(result.stderr).contains("no-such-secret");
    assertThat(githubOutput())
        .isEqualTo("earlier=kept\nexit-code=4\nreports-dir=" + reportsDir() + "\n");
    assertNoSecretValueIn(result);
  }

  @Test
  void withoutGithubOutputTheExitCodeStillComesThrough() throws Exception {
    Map<String, String> env = actionEnvironment();
    env.remove("GITHUB_OUTPUT");
    env.put("NKV_COLLECTION", "test-fixtures/demo/no-such-collection.json");

    Result result = entrypoint(env);

    assertThat(result.exitCode).as(result.toString()).isEqualTo(2);
    assertThat(githubOutput()).isEqualTo("earlier=kept\n");
  }

  @Test
  void errorsNameTheInputsTheWorkflowSets() throws Exception {
    Map<String, String> env = actionEnvironment();
    env.put("NKV_DRY_RUN", "yes");

    Result result = entrypoint(env);

    assertThat(result.exitCode).as(result.toString()).isEqualTo(2);
    assertThat(result.stderr).isEqualTo("error: dry-run: 'yes' is not true or false\n");

    env.put("NKV_DRY_RUN", "true");
    env.put("NKV_COLLECTION", "test-fixtures/demo/environment.json");
    result = entrypoint(env);

    assertThat(result.exitCode).as(result.toString()).isEqualTo(2);
    assertThat(result.stderr)
        .isEqualTo(
            "error: -c test-fixtures/demo/environment.json is a Postman environment, not a"
                + " collection: pass it with -e (the action's collection: and environment:"
                + " inputs)\n");
    assertThat(githubOutput()).contains("exit-code=2\n");
  }

  @Test
  void aMultiLineReportsDirIsRefusedBeforeAnythingRuns() throws Exception {
    Map<String, String> env = actionEnvironment();
    env.put("NKV_REPORTS_DIR", "reports\nexit-code=0");

    Result result = entrypoint(env);

    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.stderr).contains("reports-dir");
    assertThat(githubOutput()).isEqualTo("earlier=kept\n");
  }

  /** What the runner would give the action's container, with the demo's inputs. */
  private Map<String, String> actionEnvironment() throws IOException {
    Path runnerTemp = Files.createDirectories(temp.resolve("runner-temp"));
    Path output = temp.resolve("github_output");
    Files.writeString(output, "earlier=kept\n");
    Map<String, String> env = new HashMap<>();
    env.put(
        "PATH", Repo.path("docker") + ":" + TestJava.binDirectory() + ":" + System.getenv("PATH"));
    env.put("HOME", System.getProperty("user.home"));
    env.put("NO_COLOR", "1");
    env.put("NKV_JAR", jar().toString());
    env.put("NKV_NEWMAN", Repo.path("node_modules/.bin/newman").toString());
    env.put("GITHUB_ACTIONS", "true");
    env.put("NKV_ACTION", "true"); // action.yml's runs.env: the tool names inputs in errors
    env.put("GITHUB_OUTPUT", output.toString());
    env.put("RUNNER_TEMP", runnerTemp.toString());
    // The action's inputs, as runs.env maps them (unset inputs arrive as empty strings).
    env.put("NKV_COLLECTION", "test-fixtures/demo/collection.json");
    env.put("NKV_ENVIRONMENT", "test-fixtures/demo/environment.json");
    env.put("NKV_KEY_VAULT", "demo-vault");
    env.put("NKV_KEY_VAULT_SUFFIX", "");
    env.put("AZURE_CLIENT_ID", "");
    env.put("AZURE_TENANT_ID", "");
    env.put("POSTMAN_API_KEY", "");
    env.put("NKV_SECRETS", "");
    env.put("NKV_MAP", "");
    env.put("NKV_REPORTS_DIR", reportsDir().toString());
    env.put("NKV_NEWMAN_ARGS", "");
    env.put("NKV_DRY_RUN", "false");
    env.put("NKV_AUTH", "auto");
    // The step's env: in the project's CI: the demo's stand-in for Key Vault.
    env.put("NKV_SECRETS_FILE", "test-fixtures/demo/demo.secrets");
    return env;
  }

  @Test
  void keyVaultThroughGitHubOidcWithTheInputsTheRunnerSets() throws Exception {
    try (io.newmankeyvault.testing.FakeEntraId entra =
            new io.newmankeyvault.testing.FakeEntraId("72f988bf-0000-4000-8000-0000000000e7");
        io.newmankeyvault.testing.FakeKeyVault vault =
            new io.newmankeyvault.testing.FakeKeyVault(entra);
        io.newmankeyvault.testing.FakeOidcIssuer oidc =
            new io.newmankeyvault.testing.FakeOidcIssuer()) {
      String client = "0f1e2d3c-0000-4000-8000-0000000000e7";
      entra
          .registerClientId(client)
          .acceptFederated(
              io.newmankeyvault.testing.FakeOidcIssuer.GITHUB_ISSUER,
              oidc.githubSubject(),
              io.newmankeyvault.testing.FakeOidcIssuer.EXCHANGE_AUDIENCE);
      vault.put("kv1", "api-token", "CANARY-entrypoint-kv-END");
      Path collection =
          Files.writeString(
              temp.resolve("kv.json"),
              "{\"info\":{\"name\":\"kv\",\"schema\":\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},"
                  + "\"item\":[{\"name\":\"r\",\"request\":{\"method\":\"GET\",\"url\":\"https://example.com/?t={{vault:api-token}}\"}}]}");
      Map<String, String> env = actionEnvironment();
      env.remove("NKV_SECRETS_FILE");
      env.put("NKV_COLLECTION", collection.toString());
      env.put("NKV_ENVIRONMENT", "");
      env.put("NKV_KEY_VAULT", "kv1");
      env.put("NKV_KEY_VAULT_SUFFIX", "vault.localhost:" + vault.port());
      env.put("AZURE_CLIENT_ID", client);
      env.put("AZURE_TENANT_ID", entra.tenantId());
      env.put("AZURE_AUTHORITY_HOST", entra.authorityHost());
      env.put("NKV_DRY_RUN", "true");
      env.put("ACTIONS_ID_TOKEN_REQUEST_URL", oidc.githubRequestUrl());
      env.put("ACTIONS_ID_TOKEN_REQUEST_TOKEN", oidc.githubRequestToken());
      env.put("NKV_JAVA_OPTS", String.join(" ", io.newmankeyvault.testing.TestTls.jvmOptions()));

      Result result = entrypoint(env);

      assertThat(result.exitCode).as(result.toString()).isZero();
      assertThat(result.stdout)
          .contains(
              "--auth auto: github",
              "vault:api-token",
              "kv1.vault.localhost:" + vault.port(),
              "ok (enabled");
      assertThat(githubOutput()).contains("exit-code=0");
      assertThat(result.stdout).contains("::add-mask::CANARY-entrypoint-kv-END");
      String printed =
          (result.stdout + result.stderr)
              .lines()
              .filter(line -> !line.startsWith("::add-mask::"))
              .reduce("", (a, b) -> a + b + "\n");
      assertThat(printed)
          .doesNotContain("CANARY-entrypoint-kv-END")
          .doesNotContain(oidc.githubRequestToken());
      assertThat(vault.reads("kv1", "api-token")).isEqualTo(1);
    }
  }

  private Path reportsDir() {
    return temp.resolve("reports");
  }

  private String githubOutput() throws IOException {
    return Files.readString(temp.resolve("github_output"));
  }

  private static Path jar() {
    Path jar =
        Path.of(System.getProperty("nkv.jar", Repo.path("target/newman-keyvault.jar").toString()));
    assertThat(jar).as("the shaded jar: run mvn verify").isRegularFile();
    return jar;
  }

  private int startEchoServer() throws IOException {
    echoServer =
        new ProcessBuilder("node", DEMO.resolve("echo-server.js").toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(echoServer.getInputStream(), StandardCharsets.UTF_8));
    String line = reader.readLine();
    assertThat(line).as("the echo server's port").isNotNull().matches("[0-9]+");
    return Integer.parseInt(line.strip());
  }

  /** Runs {@code bash docker/entrypoint.sh} in the repository root with exactly ENV. */
  private static Result entrypoint(Map<String, String> env) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder("bash", Repo.path("docker/entrypoint.sh").toString())
            .directory(Repo.dir().toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.redirectInput(ProcessBuilder.Redirect.PIPE).start();
    process.getOutputStream().close();
    CompletableFuture<String> stdout =
        CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
    CompletableFuture<String> stderr =
        CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError("the entrypoint did not finish in 90 s");
    }
    return new Result(
        process.exitValue(), stdout.get(10, TimeUnit.SECONDS), stderr.get(10, TimeUnit.SECONDS));
  }

  private static String drain(InputStream in) {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "<" + e + ">";
    }
  }

  /**
   * No value from demo.secrets (nor any line of a multi-line one) in stdout, stderr or
   * GITHUB_OUTPUT, except on a masking command line (::add-mask::), once the tool writes those.
   */
  private void assertNoSecretValueIn(Result result) throws IOException {
    List<String> values = demoSecretValues();
    assertThat(values).hasSize(5); // four secrets, one of them on two lines
    String printed =
        Stream.of(result.stdout, result.stderr, githubOutput())
            .flatMap(String::lines)
            .filter(line -> !line.startsWith("::add-mask::"))
            .reduce("", (a, b) -> a + b + "\n");
    for (String value : values) {
      assertThat(printed).as("a secret value was printed\n%s", result).doesNotContain(value);
    }
  }

  /** The values of test-fixtures/demo/demo.secrets; a quoted multi-line value by line. */
  private static List<String> demoSecretValues() throws IOException {
    List<String> values = new ArrayList<>();
    for (String line : Files.readAllLines(DEMO.resolve("demo.secrets"))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String value = line.substring(line.indexOf('=') + 1);
      if (value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1).replace("\\\"", "\"");
        values.addAll(List.of(value.split("\\\\n")));
      } else {
        values.add(value);
      }
    }
    return values;
  }

  private static List<Path> listRecursively(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  private record Result(int exitCode, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
    }
  }
}
