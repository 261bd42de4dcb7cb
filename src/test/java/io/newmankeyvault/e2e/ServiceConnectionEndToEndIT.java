package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.newmankeyvault.testing.FakeAzureDevOps;
import io.newmankeyvault.testing.FakeEntraId;
import io.newmankeyvault.testing.FakeKeyVault;
import io.newmankeyvault.testing.FakeOidcIssuer;
import io.newmankeyvault.testing.TestTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Azure Pipelines step that names its service connection, as {@code AzureCLI@2} does, and
 * nothing else: the jar in a child JVM, given only {@code NKV_SERVICE_CONNECTION}, the mapped
 * {@code SYSTEM_ACCESSTOKEN} and the agent's predefined variables, looks the connection up in Azure
 * DevOps ({@link FakeAzureDevOps}, TLS), fetches the job's OIDC token for its id ({@link
 * FakeOidcIssuer}), signs in to Entra ID as its app ({@link FakeEntraId}, which knows no other
 * client id) and reads the secret from Key Vault ({@link FakeKeyVault}) for real Newman. The access
 * token is a canary searched for in every output: stdout and stderr (but the {@code
 * ##vso[task.setsecret]} lines), the reports and the runner's temporary directory.
 */
class ServiceConnectionEndToEndIT {
  private static final String TENANT = "72f988bf-0000-4000-8000-0000000000bb";
  private static final String CLIENT = "0f1e2d3c-0000-4000-8000-0000000000cc";
  private static final String NAME = "kv-reader (prod)";
  private static final String SECRET = "CANARY-service-connection-4e4e-END";

  @TempDir Path runnerTemp;
  @TempDir Path work;

  private FakeEntraId entra;
  private FakeKeyVault vault;
  private FakeOidcIssuer oidc;
  private FakeAzureDevOps devOps;
  private RecordingServer server;

  @BeforeEach
  void start() throws Exception {
    entra = new FakeEntraId(TENANT).registerClientId(CLIENT);
    vault = new FakeKeyVault(entra);
    vault.put("kv1", "api-token", SECRET);
    oidc = new FakeOidcIssuer();
    entra.acceptFederated(
        oidc.pipelinesIssuer(), oidc.pipelinesSubject(), FakeOidcIssuer.EXCHANGE_AUDIENCE);
    devOps =
        new FakeAzureDevOps(oidc.pipelinesAccessToken())
            .addFederated(oidc.serviceConnectionId(), NAME, CLIENT, TENANT);
    server = RecordingServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
    devOps.close();
    oidc.close();
    vault.close();
    entra.close();
  }

  /** What an Azure Pipelines step sees: the agent's variables and the mapped token, no ids. */
  private Map<String, String> pipelineStep() {
    Map<String, String> environment = new HashMap<>();
    environment.put("TF_BUILD", "True");
    environment.put("SYSTEM_ACCESSTOKEN", oidc.pipelinesAccessToken());
    environment.put("SYSTEM_OIDCREQUESTURI", oidc.pipelinesRequestUri());
    environment.put("SYSTEM_COLLECTIONURI", devOps.collectionUri());
    environment.put("SYSTEM_TEAMFOUNDATIONCOLLECTIONURI", devOps.collectionUri());
    environment.put("SYSTEM_TEAMPROJECTID", FakeAzureDevOps.PROJECT_ID);
    environment.put("SYSTEM_TEAMPROJECT", FakeAzureDevOps.PROJECT_NAME);
    environment.put("NKV_SERVICE_CONNECTION", NAME);
    return environment;
  }

  private Jar.Result run(Map<String, String> environment) throws Exception {
    Path collection =
        Files.writeString(
            work.resolve("c.json"),
            """
            {"info":{"name":"sc","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
             "item":[{"name":"r","request":{"method":"GET","url":"%s/sc?t={{vault:api-token}}"},
               "event":[{"listen":"test","script":{"exec":[
                 "pm.test('ok', () => pm.response.to.have.status(200));"]}}]}]}
            """
                .formatted(server.baseUrl()));
    List<String> args = new ArrayList<>(List.of("-c", collection.toString()));
    args.addAll(vault.toolOptions("kv1"));
    args.addAll(
        List.of(
            "--newman",
            Jar.newman().toString(),
            "--reports-dir",
            work.resolve("reports").toString(),
            "--",
            "-r",
            "cli,junit,json"));
    return Jar.start(runnerTemp, TestTls.jvmOptions(), environment, args.toArray(String[]::new))
        .await(Jar.TIMEOUT);
  }

  @Test
  void onlyTheConnectionNameTheTokenAndThePredefinedVariables() throws Exception {
    Jar.Result result = run(pipelineStep());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(server.only("/sc").queryParameter("t")).containsExactly(SECRET);
    assertThat(devOps.requests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.path())
                  .isEqualTo(
                      "/acme/" + FakeAzureDevOps.PROJECT_ID + "/_apis/serviceendpoint/endpoints");
              assertThat(r.query()).containsEntry("endpointNames", NAME);
              assertThat(r.query()).containsEntry("api-version", "7.1");
              assertThat(r.status()).isEqualTo(200);
            });
    assertThat(oidc.requests())
        .allSatisfy(
            r ->
                assertThat(r.query())
                    .containsEntry("serviceConnectionId", oidc.serviceConnectionId()));
    assertThat(entra.requests())
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.form()).containsEntry("client_id", CLIENT));
    assertThat(Jar.entries(work.resolve("reports"))).hasSize(2);
    assertThat(result.stdout().lines())
        .as("the token is masked in the job's log")
        .contains("##vso[task.setsecret]" + oidc.pipelinesAccessToken());
    assertNothingLeaked(result);
  }

  @Test
  void aLookUpTheBuildServiceMayNotMakeIsOneLineExit4() throws Exception {
    devOps.answer(403);

    Jar.Result result = run(pipelineStep());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
    assertThat(result.stderr().strip())
        .as("one line")
        .doesNotContain("\n")
        .contains(
            "Azure DevOps refused to show service connection '"
                + NAME
                + "' in project 'Api Tests' (HTTP 403)",
            "\"User\" role");
    assertThat(server.requests()).isEmpty();
    assertThat(entra.requests()).isEmpty();
    assertNothingLeaked(result);
  }

  @Test
  void withoutTheMappedTokenTheStepIsToldHowToMapIt() throws Exception {
    Map<String, String> environment = pipelineStep();
    environment.remove("SYSTEM_ACCESSTOKEN");

    Jar.Result result = run(environment);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
    assertThat(result.stderr()).contains("map 'SYSTEM_ACCESSTOKEN: $(System.AccessToken)'");
    assertThat(devOps.requests()).isEmpty();
    assertNothingLeaked(result);
  }

  private void assertNothingLeaked(Jar.Result result) throws Exception {
    List<String> canaries = new ArrayList<>(List.of(SECRET, oidc.pipelinesAccessToken()));
    canaries.addAll(oidc.issuedJwts());
    canaries.addAll(entra.issuedTokens());
    LeakSearch search = LeakSearch.of(canaries);
    search.assertNone("output", LeakSearch.withoutMaskCommands(result));
    search.assertNoneUnder(work.resolve("reports"), Set.of());
    assertThat(result.stderr()).doesNotContain("SLF4J").doesNotContain("WARN");
    assertThat(Jar.entries(runnerTemp)).isEqualTo(List.of());
  }
}
