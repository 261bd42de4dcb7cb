package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
            "-c",
            Jar.fixture("collection.json").toString(),
            "-e",
            Jar.fixture("environment.json").toString(),
            "--secrets-file",
            Jar.fixture("e2e.secrets").toString(),
            "--secret",
            "OPTION_SECRET=akv://e2e-vault/e2e-option",
            "--newman",
            Jar.newman().toString(),
            "--",
            "--env-var",
            "baseUrl=" + server.baseUrl());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(server.requests()).as(result.toString()).hasSize(8);

    // {{vault:NAME}} in a header.
    assertThat(server.only("/header").header("X-Api-Key")).containsExactly(Canaries.PLAIN);

    // In the query string, compared URL-decoded: {{vault:NAME}} substituted into the URL, and
    // an akv:// environment value (percent-encoded by a pre-request script: Newman sends '\'
    // raw in a query, and the JDK's HttpServer answers 400 to such a request line unseen).
    RecordedRequest query = server.only("/query");
    assertThat(query.queryParameter("api_key")).containsExactly(Canaries.PLAIN);
    assertThat(query.queryParameter("q")).containsExactly(Canaries.TRICKY);

    // The same value in a JSON body, byte for byte as JSON.stringify writes it.
    RecordedRequest json = server.only("/json");
    assertThat(json.body())
        .isEqualTo(
            "{\"password\": \"CANARY-tricky \\\"quoted\\\" back\\\\slash and/slash-END\"}"
                .getBytes(StandardCharsets.UTF_8));

    // A nested variable: auth_header = "Bearer {{vault:e2e-token}}", used as {{auth_header}}.
    assertThat(server.only("/nested").header("Authorization"))
        .containsExactly("Bearer " + Canaries.TOKEN);

    // A multi-line secret from @Microsoft.KeyVault(SecretUri=...) in a collection variable.
    assertThat(server.only("/multiline").body())
        .isEqualTo(Canaries.MULTILINE.getBytes(StandardCharsets.UTF_8));

    // --secret OPTION_SECRET=akv://e2e-vault/e2e-option.
    assertThat(server.only("/option").header("X-Option")).containsExactly(Canaries.OPTION);

    // @Microsoft.KeyVault(VaultName=...;SecretName=...) in a collection variable.
    assertThat(server.only("/collection-variable").header("X-Client-Secret"))
        .containsExactly(Canaries.COLLECTION);

    // The "enabled": false entry is dropped: Newman leaves the variable unresolved...
    RecordedRequest disabled = server.only("/disabled");
    assertThat(disabled.header("X-Disabled")).containsExactly("{{legacy_password}}");
    assertThat(disabled.bodyText()).isEqualTo("legacy={{legacy_password}}");
    // ...and its value is in no request at all.
    for (RecordedRequest request : server.requests()) {
      assertThat(request.everything()).as(request.toString()).doesNotContain(Canaries.DISABLED);
    }

    Canaries.assertNoCanary("stdout", result.stdout());
    Canaries.assertNoCanary("stderr", result.stderr());
    assertThat(result.stdout()).as("Newman's redacted output").contains("***");
    assertThat(Jar.entries(runnerTemp)).as("left behind in RUNNER_TEMP").isEmpty();
  }
}
