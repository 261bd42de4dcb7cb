package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newmankeyvault.testing.FakeEntraId;
import io.newmankeyvault.testing.FakeKeyVault;
import io.newmankeyvault.testing.FakeOidcIssuer;
import io.newmankeyvault.testing.TestTls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Postman v12 through real Newman: secure variables (a secret chosen in Postman's vault, stored as
 * an empty value and a {@code source}) in the environment, the collection's variables and the
 * globals are read from the secrets file or the Key Vault fake and sent; a script reads the secret
 * it is allowed through {@code pm.vault.get}, and gets nothing from another, which it then tries to
 * overwrite, print, and send in a header, a body and a test name. No canary may show in any output
 * or report, and nothing may be left behind.
 */
class PostmanV12EndToEndIT {
  private static final Path FIXTURES =
      Jar.projectDir().resolve("test-fixtures").resolve("postman-v12");
  private static final String TENANT = "72f988bf-0000-4000-8000-0000000000v1";
  private static final String CLIENT = "5f3c1a2b-0000-4000-8000-0000000000v1";

  @TempDir Path runnerTemp;
  @TempDir Path reports;

  @RegisterExtension final RecordingServer server = RecordingServer.perTest();
  private Map<String, String> secrets;

  @BeforeEach
  void start() throws Exception {
    secrets = LeakSearch.secretsFile(FIXTURES.resolve("v12.secrets"));
  }

  private List<String> args(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-c",
                FIXTURES.resolve("collection.json").toString(),
                "-e",
                FIXTURES.resolve("environment.json").toString(),
                "-g",
                FIXTURES.resolve("globals.json").toString(),
                "--reports-dir",
                reports.toString(),
                "--newman",
                Jar.newman().toString()));
    args.addAll(List.of(extra));
    args.addAll(List.of("--", "-r", "cli,json,junit", "--env-var", "base=" + server.baseUrl()));
    return args;
  }

  @Test
  void secureVariablesFromTheSecretsFileAndPmVaultForTheAllowedSecretOnly() throws Exception {
    Jar.Result result =
        Jar.start(
                runnerTemp,
                List.of(),
                Map.of(),
                args(
                        "--secrets-file",
                        FIXTURES.resolve("v12.secrets").toString(),
                        "--script-access",
                        "api-key")
                    .toArray(String[]::new))
            .await(Jar.TIMEOUT);

    assertSentAndNothingLeaked(result);
    assertThat(result.stderr())
        .contains(
            "a script of request 'secure variables and pm.vault' asked pm.vault for 'col_secret'"
                + " (secret col-secret) and got nothing: scripts may use it only with"
                + " --script-access col-secret");
  }

  @Test
  void secureVariablesFromKeyVaultWithTheScriptAccessTag() throws Exception {
    try (FakeEntraId entra = new FakeEntraId(TENANT).registerClientId(CLIENT);
        FakeOidcIssuer oidc = new FakeOidcIssuer();
        FakeKeyVault vault = new FakeKeyVault(entra)) {
      entra.acceptFederated(
          FakeOidcIssuer.GITHUB_ISSUER, oidc.githubSubject(), FakeOidcIssuer.EXCHANGE_AUDIENCE);
      secrets.forEach((name, value) -> vault.put("kv1", name, value));
      vault.tag("kv1", "api-key", "script-access", "true");
      List<String> args = new ArrayList<>(vault.toolOptions("kv1"));
      args.addAll(List.of("--auth", "github"));
      args.addAll(args());

      Jar.Result result =
          Jar.start(
                  runnerTemp,
                  TestTls.jvmOptions(),
                  Map.of(
                      "AZURE_TENANT_ID",
                      TENANT,
                      "AZURE_CLIENT_ID",
                      CLIENT,
                      "ACTIONS_ID_TOKEN_REQUEST_URL",
                      oidc.githubRequestUrl(),
                      "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
                      oidc.githubRequestToken()),
                  args.toArray(String[]::new))
              .await(Jar.TIMEOUT);

      assertSentAndNothingLeaked(result);
      for (String token : entra.issuedTokens()) {
        assertThat(result.output()).doesNotContain(token);
      }
    }
  }

  @Test
  void withoutScriptAccessPmVaultIsDeniedWithAWarningAndTheRequestStillGetsItsSecrets()
      throws Exception {
    Jar.Result result =
        Jar.start(
                runnerTemp,
                List.of(),
                Map.of(),
                args("--secrets-file", FIXTURES.resolve("v12.secrets").toString())
                    .toArray(String[]::new))
            .await(Jar.TIMEOUT);

    // postman-runtime rejects pm.vault.get ("Vault access denied"), which ends the script; Newman
    // counts no failure for it (an exception event only): the tool's warning says why.
    assertThat(result.exitCode()).as(result.toString()).isZero();
    RecordedRequest sent = server.only("/secure");
    assertThat(sent.header("X-Env")).containsExactly(secrets.get("api-key"));
    assertThat(sent.header("X-Col")).containsExactly(secrets.get("col-secret"));
    assertThat(sent.header("X-Script-Read")).as("the script ended at pm.vault.get").isEmpty();
    assertThat(result.stderr())
        .contains(
            "a script of request 'secure variables and pm.vault' used pm.vault, which no secret"
                + " of this run allows: pass --script-access SECRET");
    assertNoCanaryIn(result);
  }

  @Test
  void theDryRunListsSecureVariablesAndTheirScriptAccess() throws Exception {
    Jar.Result result =
        Jar.run(
            runnerTemp,
            "-c",
            FIXTURES.resolve("collection.json").toString(),
            "-e",
            FIXTURES.resolve("environment.json").toString(),
            "--globals",
            FIXTURES.resolve("globals.json").toString(),
            "--secrets-file",
            FIXTURES.resolve("v12.secrets").toString(),
            "--script-access",
            "api-key",
            "--dry-run",
            "--output",
            "json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode plan = new ObjectMapper().readTree(result.stdout());
    List<String> rows = new ArrayList<>();
    for (JsonNode row : plan.get("variables")) {
      rows.add(
          row.get("variable").asText()
              + " "
              + row.get("origin").asText()
              + " "
              + row.get("secret").asText()
              + " scripts="
              + row.get("scriptAccess").asBoolean());
    }
    assertThat(rows)
        .containsExactly(
            "vault:api_key secure variable (environment) api-key scripts=true",
            "vault:col_secret secure variable (collection) col-secret scripts=false",
            "vault:glob_secret secure variable (globals) glob-secret scripts=false");
    assertNoCanaryIn(result);
  }

  @Test
  void globalsGivenToNewmanWithSecureVariablesAreRefusedNotSentEmpty() throws Exception {
    Jar.Result result =
        Jar.run(
            runnerTemp,
            "-c",
            FIXTURES.resolve("collection.json").toString(),
            "-e",
            FIXTURES.resolve("environment.json").toString(),
            "--secrets-file",
            FIXTURES.resolve("v12.secrets").toString(),
            "--newman",
            Jar.newman().toString(),
            "--",
            "-g",
            FIXTURES.resolve("globals.json").toString(),
            "--env-var",
            "base=" + server.baseUrl());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.stderr())
        .contains(
            "global variable 'glob_secret' is a Postman vault secret that Newman would send empty:"
                + " pass the globals file with newman-keyvault's --globals");
    assertThat(server.requests()).isEmpty();
    assertNoCanaryIn(result);
  }

  private void assertSentAndNothingLeaked(Jar.Result result) throws Exception {
    assertThat(result.exitCode()).as(result.toString()).isZero();
    RecordedRequest sent = server.only("/secure");
    assertThat(sent.header("X-Env")).containsExactly(secrets.get("api-key"));
    assertThat(sent.header("X-Col")).containsExactly(secrets.get("col-secret"));
    assertThat(sent.header("X-Glob")).containsExactly(secrets.get("glob-secret"));
    assertThat(sent.header("X-Script-Read")).containsExactly(secrets.get("api-key"));
    assertThat(sent.header("X-Stolen")).containsExactly("null");
    assertThat(sent.header("X-Env-Read"))
        .as("the script read the reference")
        .containsExactly("vault:api_key");
    assertThat(sent.queryParameter("plain")).containsExactly("not-a-secret");
    assertThat(new String(sent.body(), StandardCharsets.UTF_8)).isEqualTo("stolen=null");
    assertThat(Jar.entries(reports))
        .as("the JSON and JUnit reports")
        .hasSize(2)
        .anyMatch(name -> name.endsWith(".json"))
        .anyMatch(name -> name.endsWith(".xml"));
    assertNoCanaryIn(result);
  }

  private void assertNoCanaryIn(Jar.Result result) throws Exception {
    LeakSearch search = LeakSearch.of(List.copyOf(secrets.values()));
    search.assertNone("the run's output", LeakSearch.withoutMaskCommands(result));
    search.assertNoneUnder(reports, Set.of());
    assertThat(Jar.entries(runnerTemp)).as("nothing left behind").isEqualTo(List.of());
  }
}
