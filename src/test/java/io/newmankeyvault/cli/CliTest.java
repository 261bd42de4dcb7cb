package io.newmankeyvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process: exit codes, messages, defaults; Newman is never reached here. */
class CliTest {
  private static final String CANARY = "CANARY-cli-7c1e-END";
  private static final String COLLECTION =
      """
      {"info":{"name":"t","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
       "item":[{"name":"r","request":{"method":"GET","url":"https://example.com/?k={{vault:api-key}}"}}]}
      """;

  @TempDir Path dir;
  private final Cli cli = new Cli();
  private final Map<String, String> env = cli.env;
  private Path collection;
  private Path secrets;
  private String stdout;
  private String stderr;

  @BeforeEach
  void files() throws IOException {
    collection = write("collection.json", COLLECTION);
    secrets = write("s.secrets", "api-key=" + CANARY + "\n");
  }

  @Test
  void helpListsTheOptionsAndTheExitCodes() {
    assertThat(run("run", "--help")).isZero();
    assertThat(stdout)
        .contains("--collection", "--secrets-file", "--dry-run", "Exit codes:")
        .contains(" 4   A secret could not be read")
        .contains("70   Internal error");
    assertThat(run("--help")).isZero();
    assertThat(stdout).contains("run", "Exit codes:");
  }

  @Test
  void aMistypedCommandOrOptionGetsTheClosestOne() {
    assertThat(run("runn", "-c", collection.toString())).isEqualTo(2);
    assertThat(stderr)
        .isEqualTo(
            "error: unknown command 'runn'; did you mean 'run'? (see 'newman-keyvault --help')\n");
    assertThat(run("audti")).isEqualTo(2);
    assertThat(stderr).contains("unknown command 'audti'; did you mean 'audit'?");
    assertThat(run("deploy")).isEqualTo(2);
    assertThat(stderr).contains("unknown command 'deploy': the commands are run, audit, fetch");
    assertThat(run("run", "--colection", collection.toString())).isEqualTo(2);
    assertThat(stderr).contains("unknown option --colection; did you mean --collection?");
    assertThat(run("audit", "--fail-of", "low")).isEqualTo(2);
    assertThat(stderr).contains("unknown option --fail-of; did you mean --fail-on?");
    // A stray value is never echoed, even where a command should be.
    assertThat(run("PMAK-" + CANARY)).isEqualTo(2);
    assertThat(stderr).contains("name a command first (run, audit, fetch)").doesNotContain(CANARY);
  }

  @Test
  void helpWrapsAtSpacesOnlyAndFitsEightyColumns() {
    env.put("COLUMNS", "80");
    StringBuilder all = new StringBuilder();
    for (String[] command : new String[][] {{"--help"}, {"run", "--help"}, {"audit", "--help"}}) {
      assertThat(run(command)).isZero();
      for (String line : stdout.split("\n")) {
        assertThat(line.length()).as(line).isLessThanOrEqualTo(80);
      }
      all.append(stdout);
    }
    // Each of these once split at a dot, a slash or a bracket; now each stays on one line.
    assertThat(all.toString())
        .contains(
            "https://api.eu.postman.com",
            "api://AzureADTokenExchange",
            "akv://VAULT/SECRET[/VERSION]",
            "@Microsoft.KeyVault(VaultName=...;SecretName=...)",
            "(e.g. -- --reporters cli,junit)",
            "(e.g. audit.sarif",
            "[--key-vault-suffix=SUFFIX[:PORT]]",
            "[--allowed-domains=SECRET=PATTERN[,PATTERN...]]...",
            "1 to 64",
            "There is no --postman-api-key",
            "Required. The Postman collection",
            "Examples:",
            "--output sarif --output-file audit.sarif",
            "still held a secret was removed");
    env.put("COLUMNS", "120");
    assertThat(run("run", "--help")).isZero();
    assertThat(stdout.lines().mapToInt(String::length).max().orElse(0))
        .isGreaterThan(80)
        .isLessThanOrEqualTo(120);
  }

  @Test
  void versionPrintsTheBuildVersion() {
    assertThat(run("--version")).isZero();
    assertThat(stdout).startsWith("newman-keyvault ").doesNotContain("unknown");
  }

  @Test
  void dryRunPrintsThePlanWithoutValues() {
    assertThat(
            run(
                "run",
                "-c",
                collection.toString(),
                "--secrets-file",
                secrets.toString(),
                "--dry-run"))
        .isZero();
    assertThat(stdout)
        .contains("vault:api-key", "{{vault:api-key}}", "api-key", "ok", "all readable");
    assertThat(stdout + stderr).doesNotContain(CANARY);
  }

  @Test
  void aSecretTooShortToHideIsUsedWithAWarning() throws IOException {
    Path tiny = write("tiny.secrets", "api-key=abc\n");
    assertThat(
            run("run", "-c", collection.toString(), "--secrets-file", tiny.toString(), "--dry-run"))
        .isZero();
    assertThat(stderr)
        .isEqualTo(
            "newman-keyvault: warning: secret 'api-key' has fewer than 4 characters: too short to"
                + " mask or redact without blanking out ordinary text; it is used, but not hidden\n");
  }

  @Test
  void dryRunAsJson() throws IOException {
    assertThat(
            run(
                "run",
                "-c",
                collection.toString(),
                "--secrets-file",
                secrets.toString(),
                "--dry-run",
                "--output",
                "json",
                "--key-vault",
                "kv-prod"))
        .isZero();
    JsonNode plan = Json.MAPPER.readTree(stdout);
    assertThat(plan.get("ok").asBoolean()).isTrue();
    assertThat(plan.get("variables").get(0).get("variable").asText()).isEqualTo("vault:api-key");
    assertThat(plan.get("variables").get(0).get("vault").asText())
        .isEqualTo("kv-prod.vault.azure.net");
    assertThat(plan.get("variables").get(0).get("readable").asBoolean()).isTrue();
    assertThat(stdout).doesNotContain(CANARY);
  }

  @Test
  void defaultsComeFromTheEnvironment() {
    env.put("NKV_COLLECTION", collection.toString());
    env.put("NKV_SECRETS_FILE", secrets.toString());
    env.put("NKV_KEY_VAULT", "kv-from-env");
    env.put("NKV_REPORTS_DIR", "");
    assertThat(run("run", "--dry-run")).isZero();
    assertThat(stdout).contains("kv-from-env.vault.azure.net");
  }

  @Test
  void theActionsMultiLineInputsComeFromTheEnvironment() throws IOException {
    Path plain =
        write("plain.json", COLLECTION.replace("{{vault:api-key}}", "{{vault:legacy_name}}"));
    env.put("NKV_COLLECTION", plain.toString());
    env.put("NKV_SECRETS_FILE", secrets.toString());
    env.put("NKV_SECRETS", "\n  # a comment\nTOKEN=akv://kv-prod/api-key\n\n");
    env.put("NKV_MAP", "legacy_name=api-key\n");
    env.put("NKV_DRY_RUN", "true");
    env.put("COLUMNS", "250"); // one row per variable
    assertThat(run("run")).as(stderr).isZero();
    assertThat(stdout).contains("TOKEN", "vault:legacy_name", "Newman was not run (dry run)");
    assertThat(stdout.lines().filter(line -> line.contains("api-key"))).hasSize(2);
  }

  @Test
  void everyMissingSecretIsListedAtOnceWithExit4() throws IOException {
    Path env =
        write(
            "env.json",
            """
        {"name":"e","values":[{"key":"A","value":"akv://kv-prod/missing-one"},{"key":"B","value":"{{vault:missing-two}}"}]}
        """);
    assertThat(
            run(
                "run",
                "-c",
                collection.toString(),
                "-e",
                env.toString(),
                "--secrets-file",
                secrets.toString()))
        .isEqualTo(4);
    assertThat(stderr)
        .contains("secret 'missing-one' (vault kv-prod.vault.azure.net, variable A): not found")
        .contains("secret 'missing-two' (vault -, variable vault:missing-two): not found")
        .contains("no request was sent");
    assertThat(stderr.lines()).allMatch(line -> line.startsWith("error: "));
    assertThat(stdout + stderr).doesNotContain(CANARY);
  }

  @Test
  void aDryRunWithAMissingSecretExits4() throws IOException {
    Path empty = write("empty.secrets", "# nothing\n");
    assertThat(
            run(
                "run",
                "-c",
                collection.toString(),
                "--secrets-file",
                empty.toString(),
                "--dry-run"))
        .isEqualTo(4);
    assertThat(stdout).contains("FAILED: not found");
    assertThat(stderr).startsWith("error: secret 'api-key'");
  }

  @Test
  void malformedJsonIsOneLineThatQuotesNothing() throws IOException {
    Path bad = write("bad.json", "{\"info\": {\"name\": " + CANARY + "}}");
    assertThat(run("run", "-c", bad.toString(), "--secrets-file", secrets.toString())).isEqualTo(2);
    assertThat(stderr)
        .startsWith("error: collection file " + bad + " is not valid JSON (line 1, column")
        .doesNotContain(CANARY)
        .hasLineCount(1);
  }

  @Test
  void everyCollectionShapeNewmanRunsIsAccepted() throws IOException {
    Path v1 =
        write(
            "v1.json",
            """
            {"id":"x","name":"v1","order":["a"],"description":"not a reference: {{vault:in-description}}",
             "requests":[{"id":"a","name":"r","method":"GET","url":"https://example.com/{{vault:api-key}}"}],
             "variables":[{"key":"cv","value":"akv://kv-prod/api-key"}]}
            """);
    Path itemOnly =
        write(
            "item-only.json",
            "{\"item\":[{\"request\":\"https://example.com/{{vault:api-key}}\"}]}");
    Path empty = write("empty.json", "{}");
    Path array = write("array.json", "[]");
    Path v3 =
        write(
            "v3.json",
            "{\"info\":{\"schema\":\"https://schema.getpostman.com/json/collection/v3.0.0/\"},\"item\":[]}");

    env.put("COLUMNS", "250"); // one row per variable
    assertThat(run("run", "-c", v1.toString(), "--secrets-file", secrets.toString(), "--dry-run"))
        .as(stderr)
        .isZero();
    assertThat(stdout)
        .contains("vault:api-key", "cv ")
        .doesNotContain("in-description")
        .doesNotContain(CANARY);
    assertThat(
            run(
                "run",
                "-c",
                itemOnly.toString(),
                "--secrets-file",
                secrets.toString(),
                "--dry-run"))
        .as(stderr)
        .isZero();
    assertThat(stdout).contains("vault:api-key");
    for (Path nothingToRead : new Path[] {empty, array, v3}) {
      assertThat(
              run(
                  "run",
                  "-c",
                  nothingToRead.toString(),
                  "--secrets-file",
                  secrets.toString(),
                  "--dry-run"))
          .as(nothingToRead + ": " + stderr)
          .isZero();
    }
  }

  @Test
  void aJsonValueThatIsNotAnObjectIsRefused() throws IOException {
    Path number = write("number.json", "42");
    Path text = write("text.json", "\"" + CANARY + "\"");
    for (Path notACollection : new Path[] {number, text}) {
      assertThat(run("run", "-c", notACollection.toString())).isEqualTo(2);
      assertThat(stderr)
          .contains("is not a Postman collection")
          .doesNotContain(CANARY)
          .hasLineCount(1);
    }
  }

  @Test
  void missingFilesAreUsageErrors() {
    assertThat(run("run", "-c", dir.resolve("nope.json").toString())).isEqualTo(2);
    assertThat(stderr)
        .isEqualTo(
            "error: cannot read collection file " + dir.resolve("nope.json") + ": no such file\n");
    assertThat(run("run", "-c", collection.toString(), "-e", dir.resolve("nope.json").toString()))
        .isEqualTo(2);
    assertThat(stderr).contains("cannot read environment file");
    assertThat(run("run")).isEqualTo(2);
    assertThat(stderr).contains("--collection is missing");
  }

  @Test
  void malformedReferencesAreAllListedWithExit2() throws IOException {
    Path env =
        write(
            "env.json",
            """
        {"name":"e","values":[{"key":"A","value":"akv://kv-prod"},{"key":"B","value":"@Microsoft.KeyVault(VaultName=kv-prod)"}]}
        """);
    assertThat(
            run(
                "run",
                "-c",
                collection.toString(),
                "-e",
                env.toString(),
                "--secrets-file",
                secrets.toString()))
        .isEqualTo(2);
    assertThat(stderr)
        .contains(
            "error: environment variable 'A': an akv:// reference must read akv://VAULT/SECRET[/VERSION]")
        .contains("error: environment variable 'B': @Microsoft.KeyVault(...) takes");
  }

  @Test
  void badOptionsAreUsageErrorsThatNeverEchoValues() {
    assertThat(run("run", "-c", collection.toString(), "--map", "no-equals")).isEqualTo(2);
    assertThat(stderr).isEqualTo("error: --map expects NAME=SECRET (with '=')\n");
    assertThat(run("run", "-c", collection.toString(), "--secret", CANARY)).isEqualTo(2);
    assertThat(stderr).contains("--secret expects VAR=REFERENCE").doesNotContain(CANARY);
    assertThat(
            run(
                "run",
                "-c",
                collection.toString(),
                "--secret",
                "A=" + CANARY,
                "--secrets-file",
                secrets.toString()))
        .isEqualTo(2);
    assertThat(stderr)
        .contains("--secret A=...: the value is not a reference")
        .doesNotContain(CANARY);
    assertThat(
            run(
                "run",
                "-c",
                collection.toString(),
                "--secret",
                "A=akv://kv-prod/a",
                "--secret",
                "A=akv://kv-prod/b"))
        .isEqualTo(2);
    assertThat(stderr).contains("--secret sets variable 'A' twice");
    assertThat(run("run", "--api-token=" + CANARY)).isEqualTo(2);
    assertThat(stderr).contains("unknown option --api-token").doesNotContain(CANARY);
    assertThat(run("run", "-c", collection.toString(), "stray-" + CANARY)).isEqualTo(2);
    assertThat(stderr).contains("options for Newman go after '--'").doesNotContain(CANARY);
    assertThat(run("run", "-c", collection.toString(), "--output", "json")).isEqualTo(2);
    assertThat(stderr).contains("--output json describes a dry run's plan");
  }

  @Test
  void newmanOptionsThatWouldLeakAreRefusedByNewmansGuard() {
    env.put("RUNNER_TEMP", dir.resolve("runner-temp").toString());
    String newman =
        Path.of(System.getProperty("nkv.projectDir", "."))
            .resolve("node_modules/.bin/newman")
            .toAbsolutePath()
            .toString();
    for (String[] newmanArgs :
        List.of(
            new String[] {"--export-environment", "out.json"}, new String[] {"-e", "other.json"})) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "run",
                  "-c",
                  collection.toString(),
                  "--secrets-file",
                  secrets.toString(),
                  "--newman",
                  newman,
                  "--"));
      args.addAll(List.of(newmanArgs));
      assertThat(run(args.toArray(String[]::new))).as(stderr).isEqualTo(2);
      assertThat(stderr)
          .contains(newmanArgs[0].equals("-e") ? "would replace the hydrated one" : "is refused")
          .doesNotContain(CANARY);
      assertThat(stdout).doesNotContain("starting Newman");
    }
    assertThat(dir.resolve("out.json")).doesNotExist();
    assertThat(dir.resolve("runner-temp")).isEmptyDirectory();
  }

  @Test
  void aNewmanThatCannotStartIsExit5() {
    env.put("RUNNER_TEMP", dir.resolve("runner-temp").toString());
    assertThat(
            run(
                "run",
                "-c",
                collection.toString(),
                "--secrets-file",
                secrets.toString(),
                "--newman",
                dir.resolve("no-such-newman").toString()))
        .isEqualTo(5);
    assertThat(stderr).contains("could not start Newman").doesNotContain(CANARY);
    assertThat(dir.resolve("runner-temp")).isEmptyDirectory();
  }

  @Test
  void verboseAddsAStackTraceThroughTheRedactor() {
    assertThat(run("run", "--verbose", "-c", dir.resolve("nope.json").toString())).isEqualTo(2);
    assertThat(stderr).contains("UserFacingException", "\tat ");
  }

  // #27: errors in the user's words, no silent no-ops, sharper errors, help that is true.

  @Test
  void asTheActionAnErrorAboutAnOptionNamesTheInput() {
    actionEnvironment();
    env.put("NKV_COLLECTION", collection.toString());
    env.put("NKV_DRY_RUN", "true");
    env.put("NKV_AUTH", "azure-cli");
    assertThat(run("run")).isEqualTo(4);
    assertThat(stderr)
        .isEqualTo(
            "error: secret 'api-key' (vault -, variable vault:api-key): {{vault:...}} reads from the"
                + " default vault, and none is named: pass --key-vault (or NKV_KEY_VAULT) (the"
                + " action's key-vault: input)\n");
    env.put("NKV_AUTH", "nope");
    assertThat(run("run")).isEqualTo(2);
    assertThat(stderr)
        .isEqualTo(
            "error: --auth 'nope' is not a sign-in mode: use auto, github, azure-pipelines,"
                + " workload-identity, managed-identity, azure-cli or environment (the action's"
                + " auth: input)\n");
  }

  @Test
  void aBooleanInputOrVariableTakesTrueOrFalseAndSaysSo() {
    actionEnvironment();
    env.put("NKV_COLLECTION", collection.toString());
    env.put("NKV_DRY_RUN", "yes");
    assertThat(run("run")).isEqualTo(2);
    assertThat(stderr).isEqualTo("error: dry-run: 'yes' is not true or false\n");
    env.put("NKV_DRY_RUN", "TRUE"); // any case
    env.put("NKV_SECRETS_FILE", secrets.toString());
    assertThat(run("run")).as(stderr).isZero();
    assertThat(stdout).contains("Newman was not run (dry run)");

    env.clear();
    env.put("NKV_REQUIRE_ALLOWED_DOMAINS", "on");
    assertThat(run("run", "-c", collection.toString())).isEqualTo(2);
    assertThat(stderr)
        .isEqualTo(
            "error: NKV_REQUIRE_ALLOWED_DOMAINS: 'on' is not true or false (see 'newman-keyvault"
                + " run --help')\n");
    // A value that may be a pasted credential is not quoted back.
    env.put("NKV_REQUIRE_ALLOWED_DOMAINS", "PMAK-" + CANARY);
    assertThat(run("run", "-c", collection.toString())).isEqualTo(2);
    assertThat(stderr)
        .isEqualTo(
            "error: NKV_REQUIRE_ALLOWED_DOMAINS: the value is not true or false (see"
                + " 'newman-keyvault run --help')\n");
  }

  @Test
  void inAzurePipelinesAnErrorAboutAnOptionNamesTheStepsVariable() {
    env.put("TF_BUILD", "True");
    env.put("NKV_AUTH", "nope");
    assertThat(run("run", "-c", collection.toString())).isEqualTo(2);
    assertThat(stderr)
        .isEqualTo(
            "error: --auth 'nope' is not a sign-in mode: use auto, github, azure-pipelines,"
                + " workload-identity, managed-identity, azure-cli or environment (the step's"
                + " NKV_AUTH variable)\n");
    // Given on the command line, the option is the user's word already.
    env.remove("NKV_AUTH");
    assertThat(run("run", "-c", collection.toString(), "--auth", "nope")).isEqualTo(2);
    assertThat(stderr).endsWith("azure-cli or environment\n");
    // Outside CI, and in a GitHub workflow's own step, messages stay as they are.
    env.remove("TF_BUILD");
    env.put("GITHUB_ACTIONS", "true");
    env.put("NKV_AUTH", "nope");
    assertThat(run("run", "-c", collection.toString())).isEqualTo(2);
    assertThat(stderr).endsWith("azure-cli or environment\n");
  }

  @Test
  void anEnvironmentOrGlobalsGivenAsTheCollectionIsExit2NamingWhatItIs() throws IOException {
    Path environment =
        write(
            "test.postman_environment.json",
            "{\"name\":\"e\",\"values\":[{\"key\":\"k\",\"value\":\""
                + CANARY
                + "\"}],\"_postman_variable_scope\":\"environment\"}");
    Path bare = write("bare.json", "{\"values\":[]}");
    Path globals =
        write("g.json", "{\"name\":\"g\",\"values\":[],\"_postman_variable_scope\":\"globals\"}");
    assertThat(run("run", "-c", environment.toString(), "--dry-run")).isEqualTo(2);
    assertThat(stderr)
        .isEqualTo(
            "error: -c "
                + environment
                + " is a Postman environment, not a collection: pass it with -e\n");
    assertThat(run("run", "-c", bare.toString(), "--dry-run")).isEqualTo(2);
    assertThat(stderr).contains(" is a Postman environment, not a collection: pass it with -e");
    assertThat(run("run", "-c", globals.toString(), "--dry-run")).isEqualTo(2);
    assertThat(stderr)
        .isEqualTo(
            "error: -c " + globals + " is Postman globals, not a collection: pass it with -g\n");
    assertThat(run("run", "-c", collection.toString(), "-e", collection.toString())).isEqualTo(2);
    assertThat(stderr)
        .isEqualTo(
            "error: -e "
                + collection
                + " is a Postman collection, not an environment: pass it with -c\n");
    assertThat(run("run", "-c", collection.toString(), "-e", globals.toString())).isEqualTo(2);
    assertThat(stderr)
        .isEqualTo(
            "error: -e " + globals + " is Postman globals, not an environment: pass it with -g\n");
    assertThat(run("run", "-c", collection.toString(), "-g", collection.toString())).isEqualTo(2);
    assertThat(stderr)
        .isEqualTo(
            "error: -g " + collection + " is a Postman collection, not globals: pass it with -c\n");
    assertThat(
            run(
                "fetch",
                "-c",
                environment.toString(),
                "--output-dir",
                dir.resolve("out").toString()))
        .isEqualTo(2);
    assertThat(stderr).contains("is a Postman environment, not a collection: pass it with -e");
    assertThat(stdout + stderr).doesNotContain(CANARY);
    actionEnvironment();
    env.put("NKV_COLLECTION", environment.toString());
    assertThat(run("run")).isEqualTo(2);
    assertThat(stderr)
        .isEqualTo(
            "error: -c "
                + environment
                + " is a Postman environment, not a collection: pass it with -e (the action's"
                + " collection: and environment: inputs)\n");
  }

  @Test
  void fetchBlamesTheMissingInputNotTheOutputDirectory() {
    Path missing = dir.resolve("missing.json");
    assertThat(run("fetch", "-c", missing.toString(), "--output-dir", dir.resolve("X").toString()))
        .isEqualTo(2);
    assertThat(stderr)
        .isEqualTo("error: cannot read collection file " + missing + ": no such file\n");
  }

  @Test
  void fetchSaysAV3CollectionIsInTheRepositoryAlready() {
    Path v3 =
        Path.of(System.getProperty("nkv.projectDir", "."))
            .resolve("test-fixtures/v3/demo/postman/collections/demo");
    Path out = dir.resolve("X");
    assertThat(run("fetch", "-c", v3.toString(), "--output-dir", out.toString())).isEqualTo(2);
    assertThat(stderr)
        .isEqualTo(
            "error: "
                + v3
                + " is a Postman v12 (v3) collection, which is in your repository already: give it"
                + " to each leg's run as it is (fetch downloads from the Postman API, which serves"
                + " v2.1 JSON)\n");
    assertThat(out).doesNotExist();
  }

  @Test
  void aSecretsFileWithSeveralBadLinesListsEveryOneByNumber() throws IOException {
    Path bad =
        write(
            "bad.secrets",
            "api-key=ok-value\nTOPSECRET-one\n# a comment\n=TOPSECRET-two\nbad_name=TOPSECRET-3\n");
    assertThat(
            run("run", "-c", collection.toString(), "--secrets-file", bad.toString(), "--dry-run"))
        .isEqualTo(2);
    assertThat(stderr)
        .isEqualTo(
            "error: secrets file "
                + bad
                + ", line 2: expected SECRET-NAME=value; line 4: expected SECRET-NAME=value; line 5:"
                + " the name before '=' is not a valid Key Vault secret name (1 to 127 letters,"
                + " digits and '-')\n")
        .doesNotContain("TOPSECRET");
  }

  @Test
  void aNewmanOptionBeforeTheDashesSaysWhereItGoes() {
    for (String option :
        new String[] {"--reporters", "--bail", "--folder", "-r", "--timeout-request", "-n"}) {
      assertThat(run("run", "-c", collection.toString(), option, "x")).isEqualTo(2);
      assertThat(stderr)
          .isEqualTo(
              "error: "
                  + option
                  + " is a 'newman run' option: put it after '--' (see 'newman-keyvault run"
                  + " --help')\n");
    }
    assertThat(run("run", "-c", collection.toString(), "--reporter-junit-export=" + CANARY))
        .isEqualTo(2);
    assertThat(stderr)
        .isEqualTo(
            "error: --reporter-junit-export is a 'newman run' option: put it after '--' (see"
                + " 'newman-keyvault run --help')\n");
    // Elsewhere still an unknown option.
    assertThat(run("audit", "-c", collection.toString(), "--bail")).isEqualTo(2);
    assertThat(stderr).startsWith("error: unknown option --bail");
  }

  @Test
  void eachCommandsHelpListsOnlyWhatAppliesThere() {
    assertThat(run("fetch", "--help")).isZero();
    assertThat(stdout)
        .doesNotContain("\\\\", "a run passes it to Newman", "--require-allowed-domains")
        .contains("000000000001 \\\n");
    assertThat(stdout.replaceAll("\\s+", " "))
        .contains(
            "Prints more: the stack trace with an error and the route each host takes through a"
                + " proxy.");
    assertThat(run("audit", "--help")).isZero();
    assertThat(stdout)
        .doesNotContain(
            "a run passes it to Newman", "--require-allowed-domains", "--allowed-domains")
        .contains("--ca-file", "--key-vault", "Prints more: timings,");
    assertThat(run("audit", "-c", collection.toString(), "--require-allowed-domains")).isEqualTo(2);
    assertThat(stderr).startsWith("error: unknown option --require-allowed-domains");
    assertThat(run("run", "--help")).isZero();
    assertThat(stdout.replaceAll("\\s+", " "))
        .contains(
            "a run passes it to Newman as --ssl-extra-ca-certs too",
            "--require-allowed-domains",
            "The Postman collection (v2.1, v2.0 or v1 JSON, info optional; or a Postman v12 v3"
                + " collection folder)",
            "Prints more: the stack trace with an error, the Azure SDK's log lines (redacted), the"
                + " route each host takes through a proxy, how long the secrets took to read, and"
                + " when Newman started, got its inputs and ended.")
        .doesNotContain("v2.0 or v2.1");
  }

  @Test
  void everyOptionsDefaultVariableIsTheOneItsHelpNames() {
    for (Object command :
        new Object[] {
          new RunCommand(null, env, null),
          new AuditCommand(null, env, null),
          new FetchCommand(null, env, null)
        }) {
      for (picocli.CommandLine.Model.OptionSpec option :
          new picocli.CommandLine(command).getCommandSpec().options()) {
        String description = String.join(" ", option.description());
        java.util.regex.Matcher named =
            java.util.regex.Pattern.compile("Default(?: from|: the lines of) ([A-Z][A-Z_]+)")
                .matcher(description);
        List<String> variables = EnvironmentDefaults.variablesOf(option.longestName());
        if (named.find()) {
          assertThat(variables).as(option.longestName()).isNotEmpty();
          assertThat(variables.get(0)).as(option.longestName()).isEqualTo(named.group(1));
        } else {
          assertThat(variables).as(option.longestName()).isEmpty();
        }
      }
    }
  }

  /** What the GitHub Action's container gets besides the inputs (action.yml: runs.env). */
  private void actionEnvironment() {
    env.clear();
    env.put("GITHUB_ACTIONS", "true");
    env.put("NKV_ACTION", "true");
  }

  private int run(String... args) {
    Cli.Result result = cli.run(args);
    stdout = result.stdout();
    stderr = result.stderr();
    return result.exitCode();
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}
