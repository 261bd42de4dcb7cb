package io.newmankeyvault.keyvault;

import static org.assertj.core.api.Assertions.assertThat;

import io.newmankeyvault.testing.Cli;
import io.newmankeyvault.testing.FakeAzureDevOps;
import io.newmankeyvault.testing.FakeEntraId;
import io.newmankeyvault.testing.FakeKeyVault;
import io.newmankeyvault.testing.FakeOidcIssuer;
import io.newmankeyvault.testing.FakePostmanApi;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Azure SDK and MSAL, over TLS, against fakes of Entra ID, Key Vault and the CI OIDC
 * issuers on *.vault.localhost (TESTING.md's recipe; surefire passes the hosts file and trust
 * store). Each test gets fresh ports: the SDK caches challenges per host and port.
 */
class KeyVaultEndToEndIT {
  private static final String TENANT = "72f988bf-0000-4000-8000-000000000001";
  private static final String CLIENT = "0f1e2d3c-0000-4000-8000-000000000002";
  private static final String S1 = "CANARY-kv-one \"q\" \\ /-END";
  private static final String S2 = "CANARY-kv-two-" + UUID.randomUUID() + "-END";

  @TempDir Path dir;
  private FakeEntraId entra;
  private FakeKeyVault vault;
  private FakeOidcIssuer oidc;
  private FakePostmanApi api; // its /echo is the API under test for Newman
  private final Cli cli = new Cli();
  private Cli.Result result;

  @BeforeEach
  void start() throws IOException {
    entra = new FakeEntraId(TENANT).registerClientId(CLIENT);
    vault = new FakeKeyVault(entra);
    oidc = new FakeOidcIssuer();
    api = new FakePostmanApi("unused");
    entra.acceptFederated(
        FakeOidcIssuer.GITHUB_ISSUER, oidc.githubSubject(), FakeOidcIssuer.EXCHANGE_AUDIENCE);
    vault.put("kv1", "s1", S1);
    vault.put("kv2", "s2", S2);
    cli.env.put("AZURE_TENANT_ID", TENANT);
    cli.env.put("AZURE_CLIENT_ID", CLIENT);
    cli.env.put("RUNNER_TEMP", dir.resolve("runner-temp").toString());
  }

  @AfterEach
  void stop() throws IOException {
    vault.close();
    entra.close();
    oidc.close();
    api.close();
    if (result != null) {
      List<String> protectedValues =
          new ArrayList<>(List.of(S1, S2, oidc.githubRequestToken(), oidc.pipelinesAccessToken()));
      protectedValues.addAll(entra.issuedTokens());
      protectedValues.addAll(oidc.issuedJwts());
      for (String value : protectedValues) {
        assertThat(result.stdout() + result.stderr()).doesNotContain(value);
      }
      Path runnerTemp = dir.resolve("runner-temp");
      if (Files.exists(runnerTemp)) {
        assertThat(Cli.entriesUnder(runnerTemp)).isEmpty();
      }
    }
  }

  private void github() {
    cli.env.put("ACTIONS_ID_TOKEN_REQUEST_URL", oidc.githubRequestUrl());
    cli.env.put("ACTIONS_ID_TOKEN_REQUEST_TOKEN", oidc.githubRequestToken());
  }

  private Path collection(String url) throws IOException {
    return Files.writeString(
        dir.resolve("collection.json"),
        """
        {"info":{"name":"kv","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
         "variable":[{"key":"two","value":"akv://kv2/s2"}],
         "item":[{"name":"r","request":{"method":"POST","url":"%s",
           "header":[{"key":"X-One","value":"{{vault:s1}}"}],
           "body":{"mode":"raw","raw":"{{vault:s1}}|{{two}}"}}}]}
        """
            .formatted(url));
  }

  private Cli.Result run(String... extra) throws IOException {
    List<String> args =
        new ArrayList<>(List.of("run", "-c", collection(api.url() + "/echo?b={{two}}").toString()));
    args.addAll(vault.toolOptions("kv1"));
    args.addAll(List.of("--newman", Cli.newman()));
    args.addAll(List.of(extra));
    result = cli.run(args.toArray(String[]::new));
    return result;
  }

  @Test
  void gitHubOidcEndToEndThroughNewmanReadingEachSecretOnceFromTwoVaults() throws IOException {
    github();
    assertThat(run("--auth", "github").exitCode()).as(result.stderr()).isZero();

    assertThat(api.requests())
        .as(result.stdout())
        .extracting(FakePostmanApi.Request::requestLine)
        .containsExactly("POST /echo?b=" + S2);
    assertThat(api.requests().get(0).headers().get("X-one")).containsExactly(S1);
    assertThat(vault.reads("kv1", "s1")).isEqualTo(1);
    assertThat(vault.reads("kv2", "s2")).isEqualTo(1);
    // Before Newman's first line: what the run did, never a value.
    assertThat(result.stderr())
        .contains(
            "newman-keyvault: 2 variables from 2 secrets in vaults "
                + vault.host("kv1")
                + ", "
                + vault.host("kv2")
                + " (--auth github, client "
                + CLIENT
                + "), all masked; starting Newman");
    assertThat(oidc.requests())
        .allSatisfy(
            r -> assertThat(r.query()).containsEntry("audience", "api://AzureADTokenExchange"));
    assertThat(entra.requests()).allSatisfy(r -> assertThat(r.tenant()).isEqualTo(TENANT));
  }

  @Test
  void aSecretsAllowedDomainsTagKeepsItFromOtherHostsThroughTheRealSdk() throws IOException {
    github();
    vault.tag("kv1", "s1", "allowed-domains", "api.example.com, *.example.org");
    assertThat(run("--auth", "github").exitCode()).as(result.stderr()).isZero();

    // The fake API is not among s1's domains: the reference goes out unresolved.
    assertThat(api.requests().get(0).headers().get("X-one")).containsExactly("{{vault:s1}}");
    assertThat(result.stderr())
        .contains(
            "warning: {{vault:s1}} (secret s1) was not sent in request 'r' to 127.0.0.1:",
            ": not among its allowed domains (api.example.com, *.example.org (tag allowed-domains))");
  }

  @Test
  void allowedDomainsOnTheCommandLineOverrideTheTag() throws IOException {
    github();
    vault.tag("kv1", "s1", "allowed-domains", "api.example.com");
    String local = "http://" + URI.create(api.url()).getAuthority();
    assertThat(run("--auth", "github", "--allowed-domains", "s1=" + local).exitCode())
        .as(result.stderr())
        .isZero();
    assertThat(api.requests().get(0).headers().get("X-one")).containsExactly(S1);
    assertThat(result.stderr()).doesNotContain("warning:");

    assertThat(run("--auth", "github", "--allowed-domains", "s1=" + local, "--dry-run").exitCode())
        .isZero();
    assertThat(result.stdout()).contains(local + " (--allowed-domains)");
  }

  @Test
  void requireAllowedDomainsRefusesASecretThatMayGoAnywhere() throws IOException {
    github();
    vault.tag("kv1", "s1", "allowed-domains", "api.example.com");
    // Every secret, whatever reference reads it, needs domains: s2 is an environment value.
    assertThat(run("--auth", "github", "--require-allowed-domains").exitCode()).isEqualTo(4);
    assertThat(result.stderr())
        .contains("error: secret 's2' (variable two) has no allowed domains")
        .doesNotContain("secret 's1'");
    vault.tag("kv2", "s2", "allowed-domains", "api.example.com");
    assertThat(
            run("--auth", "github", "--require-allowed-domains", "--dry-run", "--output", "json")
                .exitCode())
        .as(result.stderr())
        .isZero();
    assertThat(result.stdout())
        .contains("\"allowedDomains\" : [ \"api.example.com\" ]")
        .contains("\"allowedDomainsFrom\" : \"tag allowed-domains\"");

    vault.tag("kv1", "s1", "allowed-domains", " ");
    assertThat(run("--auth", "github", "--require-allowed-domains").exitCode()).isEqualTo(4);
    assertThat(result.stderr())
        .contains(
            "error: secret 's1' ({{vault:s1}}) has no allowed domains, which"
                + " --require-allowed-domains requires")
        .contains("no request was sent");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void autoPicksGitHubWhenItsVariablesAreThere() throws IOException {
    github();
    assertThat(run("--dry-run").exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("--auth auto: github", "ok (enabled, version ");
  }

  @Test
  void azurePipelinesOidc() throws IOException {
    entra.acceptFederated(
        oidc.pipelinesIssuer(), oidc.pipelinesSubject(), FakeOidcIssuer.EXCHANGE_AUDIENCE);
    cli.env.put("SYSTEM_OIDCREQUESTURI", oidc.pipelinesRequestUri());
    cli.env.put("SYSTEM_ACCESSTOKEN", oidc.pipelinesAccessToken());
    cli.env.put("AZURESUBSCRIPTION_SERVICE_CONNECTION_ID", oidc.serviceConnectionId());
    assertThat(run("--auth", "azure-pipelines").exitCode()).as(result.stderr()).isZero();
    assertThat(api.requests())
        .singleElement()
        .satisfies(r -> assertThat(r.requestLine()).contains("b=" + S2));
  }

  @Test
  void azurePipelinesByServiceConnectionNameWithNoIdsGiven() throws IOException {
    entra.acceptFederated(
        oidc.pipelinesIssuer(), oidc.pipelinesSubject(), FakeOidcIssuer.EXCHANGE_AUDIENCE);
    try (FakeAzureDevOps devOps =
        new FakeAzureDevOps(oidc.pipelinesAccessToken())
            .addFederated(oidc.serviceConnectionId(), "kv-reader", CLIENT, TENANT)) {
      cli.env.remove("AZURE_TENANT_ID");
      cli.env.remove("AZURE_CLIENT_ID");
      cli.env.put("SYSTEM_OIDCREQUESTURI", oidc.pipelinesRequestUri());
      cli.env.put("SYSTEM_ACCESSTOKEN", oidc.pipelinesAccessToken());
      cli.env.put("SYSTEM_COLLECTIONURI", devOps.collectionUri());
      cli.env.put("SYSTEM_TEAMPROJECTID", FakeAzureDevOps.PROJECT_ID);
      cli.env.put("NKV_SERVICE_CONNECTION", "kv-reader");

      assertThat(run().exitCode()).as(result.stderr()).isZero();
      assertThat(devOps.requests())
          .singleElement()
          .satisfies(r -> assertThat(r.status()).isEqualTo(200));
      assertThat(api.requests())
          .singleElement()
          .satisfies(r -> assertThat(r.requestLine()).contains("b=" + S2));
    }
  }

  @Test
  void workloadIdentityFromATokenFile() throws IOException {
    String subject = "system:serviceaccount:tests:newman";
    entra.acceptFederated(
        "https://oidc.aks.localhost/issuer", subject, FakeOidcIssuer.EXCHANGE_AUDIENCE);
    Path token =
        Files.writeString(
            Files.createDirectories(dir.resolve("sa")).resolve("token"),
            FakeOidcIssuer.jwt(
                Map.of(
                    "iss",
                    "https://oidc.aks.localhost/issuer",
                    "sub",
                    subject,
                    "aud",
                    FakeOidcIssuer.EXCHANGE_AUDIENCE,
                    "exp",
                    System.currentTimeMillis() / 1000 + 600)));
    cli.env.put("AZURE_FEDERATED_TOKEN_FILE", token.toString());
    assertThat(run("--dry-run").exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("--auth auto: workload-identity");
    Files.delete(token); // the test's own input
  }

  @Test
  void environmentCredentialsWithAClientSecret() throws IOException {
    entra.acceptClientSecret(CLIENT, "CANARY-client-secret-END");
    cli.env.put("AZURE_CLIENT_SECRET", "CANARY-client-secret-END");
    assertThat(run("--auth", "environment", "--dry-run").exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout() + result.stderr()).doesNotContain("CANARY-client-secret-END");
  }

  @Test
  void everyPerSecretFailureIsListedBeforeNewmanStarts() throws IOException {
    github();
    vault.put("kv1", "db-password", "x");
    vault.put("kv1", "off", "x");
    vault.disable("kv1", "off");
    vault.put("kv1", "denied", "x");
    vault.forbid("kv1", "denied");
    vault.put("kv1", "old", "x");
    vault.expire("kv1", "old");
    Path environment =
        Files.writeString(
            dir.resolve("env.json"),
            """
            {"name":"e","values":[
              {"key":"A","value":"{{vault:db-pasword}}"},
              {"key":"B","value":"akv://kv1/off"},
              {"key":"C","value":"akv://kv1/denied"},
              {"key":"D","value":"akv://kv1/old"},
              {"key":"E","value":"akv://missing/s1"}]}
            """);
    assertThat(run("--auth", "github", "-e", environment.toString()).exitCode()).isEqualTo(4);

    assertThat(result.stderr())
        .contains(
            "secret 'db-pasword' (vault kv1.vault.localhost:"
                + vault.port()
                + ", variable vault:db-pasword): not found; did you mean 'db-password'?")
        .contains("secret 'off'", "is disabled")
        .contains("secret 'denied'", "forbidden (403", "'Key Vault Secrets User' role")
        .contains("secret 'old'", "expired on")
        .contains(
            "secret 's1' (vault missing.vault.localhost:"
                + vault.port()
                + ", variable E): vault unreachable: host missing.vault.localhost not found (DNS)")
        .contains("no request was sent");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void withoutListingPermissionThereIsNoHint() throws IOException {
    github();
    vault.put("kv1", "db-password", "x");
    vault.denyListing("kv1");
    Path environment =
        Files.writeString(
            dir.resolve("env.json"),
            "{\"values\":[{\"key\":\"A\",\"value\":\"akv://kv1/db-pasword\"}]}");
    assertThat(run("--auth", "github", "-e", environment.toString(), "--dry-run").exitCode())
        .isEqualTo(4);
    assertThat(result.stderr()).contains("): not found\n").doesNotContain("did you mean");
  }

  @Test
  void throttlingIsWaitedOut() throws IOException {
    github();
    vault.throttleNext("kv1", "s1", 1, 1);
    assertThat(run("--auth", "github", "--dry-run").exitCode()).as(result.stderr()).isZero();
    assertThat(vault.requests()).filteredOn(r -> r.status() == 429).hasSize(1);
  }

  @Test
  void missingGitHubOidcVariablesSayWhatToAdd() throws IOException {
    assertThat(run("--auth", "github", "--dry-run").exitCode()).isEqualTo(4);
    assertThat(result.stderr()).contains("add 'permissions: id-token: write' to the job");
  }

  @Test
  void aMissingSystemAccessTokenSaysHowToMapIt() throws IOException {
    cli.env.put("SYSTEM_OIDCREQUESTURI", oidc.pipelinesRequestUri());
    assertThat(run("--auth", "azure-pipelines", "--dry-run").exitCode()).isEqualTo(4);
    assertThat(result.stderr()).contains("map 'SYSTEM_ACCESSTOKEN: $(System.AccessToken)'");
  }

  @Test
  void anUnknownTenantIsNamed() throws IOException {
    github();
    cli.env.put("AZURE_TENANT_ID", "00000000-0000-4000-8000-00000000dead");
    vault.challengeTenant("00000000-0000-4000-8000-00000000dead");
    assertThat(run("--auth", "github", "--dry-run").exitCode()).isEqualTo(4);
    assertThat(result.stderr())
        .contains("tenant '00000000-0000-4000-8000-00000000dead' was not found (AADSTS90002)")
        .hasLineCount(1);
  }

  @Test
  void aVaultInAnotherTenantIsExplained() throws IOException {
    github();
    vault.challengeTenant("99999999-0000-4000-8000-000000000009");
    assertThat(run("--auth", "github", "--dry-run").exitCode()).isEqualTo(4);
    assertThat(result.stderr())
        .contains(
            "the vault belongs to tenant 99999999-0000-4000-8000-000000000009 but the sign-in is for tenant "
                + TENANT);
  }

  @Test
  void noMatchingFederatedCredentialShowsTheTokensClaims() throws IOException {
    github();
    oidc.githubSubject("repo:acme/api-tests:pull_request");
    assertThat(run("--auth", "github", "--dry-run").exitCode()).isEqualTo(4);
    assertThat(result.stderr())
        .contains(
            "no federated credential of app "
                + CLIENT
                + " matches this job's OIDC token (AADSTS700213)")
        .contains(
            "iss='https://token.actions.githubusercontent.com', sub='repo:acme/api-tests:pull_request', aud='api://AzureADTokenExchange'")
        .contains("subject 'repo:acme/api-tests:pull_request'")
        .hasLineCount(1);
  }
}
