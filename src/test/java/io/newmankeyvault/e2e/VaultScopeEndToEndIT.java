package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code {{vault:NAME}}} through postman-runtime's vault scope, with real Newman against one
 * recording server reached under two host names: the allowed one ({@code 127.0.0.1}) gets the
 * secret in the URL, a header, the body, Basic auth and a nested variable; the other ({@code
 * localhost}) gets the reference unresolved; and a script that lists every scope, and reads the
 * secret's variable by name, sends what it saw to the server, which holds no secret.
 */
class VaultScopeEndToEndIT {
  private static final Path FIXTURES =
      Jar.projectDir().resolve("test-fixtures").resolve("vault-scope");
  private static final String SECRET = "CANARY-vault-scope-7a41-END";

  @TempDir Path runnerTemp;

  @RegisterExtension final RecordingServer server = RecordingServer.perTest();

  private Jar.Result run(Map<String, String> environment) throws Exception {
    return Jar.start(
            runnerTemp,
            List.of(),
            environment,
            "-c",
            FIXTURES.resolve("collection.json").toString(),
            "-e",
            FIXTURES.resolve("environment.json").toString(),
            "--secrets-file",
            FIXTURES.resolve("vault-scope.secrets").toString(),
            "--allowed-domains",
            "vs-token=http://127.0.0.1:" + server.port(),
            "--newman",
            Jar.newman().toString(),
            "--",
            "--env-var",
            "allowedBase=http://127.0.0.1:" + server.port(),
            "--env-var",
            "otherBase=http://localhost:" + server.port())
        .await(Jar.TIMEOUT);
  }

  @Test
  void aSecretGoesOnlyToItsAllowedDomainAndNoScriptCanListIt() throws Exception {
    int port = server.port();
    Jar.Result result = run(Map.of());
    assertThat(result.exitCode()).as(result.toString()).isZero();

    RecordedRequest allowed = server.only("/allowed");
    assertThat(allowed.queryParameter("q")).containsExactly(SECRET);
    assertThat(allowed.header("X-Vault")).containsExactly(SECRET);
    assertThat(allowed.header("X-Nested")).containsExactly("Bearer " + SECRET);
    assertThat(new String(allowed.body(), StandardCharsets.UTF_8)).isEqualTo("body=" + SECRET);
    assertThat(allowed.header("Authorization"))
        .containsExactly(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(("vs-user:" + SECRET).getBytes(StandardCharsets.UTF_8)));

    RecordedRequest other = server.only("/other");
    // (A reference in the URL would go out raw too, but the JDK's server refuses '{' in a target.)
    assertThat(other.header("X-Vault")).containsExactly("{{vault:vs-token}}");
    assertThat(other.header("X-Nested")).containsExactly("Bearer {{vault:vs-token}}");
    assertThat(new String(other.body(), StandardCharsets.UTF_8))
        .isEqualTo("body={{vault:vs-token}}");
    assertThat(other.toString()).doesNotContain(SECRET);

    RecordedRequest listing =
        server
            .await(r -> r.path().equals("/listing"), Duration.ofSeconds(5))
            .orElseThrow(() -> new AssertionError("the script sent no listing\n" + result));
    String seen = new String(listing.body(), StandardCharsets.UTF_8);
    assertThat(seen)
        .as("what a script can list")
        .contains("\"allowedBase\":\"http://127.0.0.1:" + port + "\"")
        .contains("\"whole\":\"{{vault:vs-token}}\"")
        .contains("\"environmentGet\":\"undefined\"")
        .contains("\"variablesGet\":\"undefined\"")
        .contains("\"replaceIn\":\"{{vault:vs-token}}\"")
        .doesNotContain(SECRET)
        .doesNotContain(SECRET.substring(0, 16));
    for (String key : List.of("environment", "variables", "globals", "collectionVariables")) {
      assertThat(seen).contains("\"" + key + "\":");
    }
    assertThat(result.stderr().lines().filter(line -> line.contains("warning:")))
        .as("one warning, for the request the secret was withheld from")
        .containsExactly(
            "newman-keyvault: warning: {{vault:vs-token}} (secret vs-token) was not sent in"
                + " request 'other host' to localhost:"
                + port
                + ": not among its allowed domains (http://127.0.0.1:"
                + port
                + " (--allowed-domains))");
    assertThat(result.output()).doesNotContain(SECRET);
    assertThat(Jar.entries(runnerTemp)).isEmpty();
  }

  @Test
  void inGitHubActionsAWithheldSecretIsAlsoAnAnnotation() throws Exception {
    Jar.Result result =
        run(
            Map.of(
                "GITHUB_ACTIONS",
                "true",
                "GITHUB_STEP_SUMMARY",
                runnerTemp.resolveSibling(runnerTemp.getFileName() + "-summary.md").toString()));
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout())
        .contains(
            "::warning title=newman-keyvault%3A a secret was withheld::{{vault:vs-token}} (secret"
                + " vs-token) was not sent in request 'other host' to localhost:"
                + server.port());
    assertThat(result.stdout()).contains("::add-mask::" + SECRET);
    assertThat(result.output().lines().filter(line -> !line.startsWith("::add-mask::")))
        .noneMatch(line -> line.contains(SECRET));
  }
}
