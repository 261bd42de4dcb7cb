package io.newmankeyvault.keyvault;

import static org.assertj.core.api.Assertions.assertThat;

import io.newmankeyvault.base.FailureKind;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.network.Proxies;
import io.newmankeyvault.reference.Clouds;
import io.newmankeyvault.testing.FakeAzureDevOps;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --service-connection NAME}: the look-up in Azure DevOps (against {@link FakeAzureDevOps},
 * over TLS), the parsing of its answer, and each failure as one line with its exit code. The access
 * token is a canary that no message may hold.
 */
class ServiceConnectionsTest {
  private static final String TOKEN = "sat-CANARY-" + UUID.randomUUID() + "-END";
  private static final String ID = "5e47a0d8-c745-44f8-8f93-784f18ff31c4";
  private static final String CLIENT = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
  private static final String TENANT = "eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee";
  private static final String NAME = "prod-kv";

  private FakeAzureDevOps devOps;
  private final Map<String, String> env = new HashMap<>();
  private final List<String> protectedValues = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    devOps = new FakeAzureDevOps(TOKEN).addFederated(ID, NAME, CLIENT, TENANT);
    env.put("SYSTEM_ACCESSTOKEN", TOKEN);
    env.put("SYSTEM_OIDCREQUESTURI", "https://localhost:1/oidc");
    env.put("SYSTEM_COLLECTIONURI", devOps.collectionUri());
    env.put("SYSTEM_TEAMPROJECTID", FakeAzureDevOps.PROJECT_ID);
    env.put("SYSTEM_TEAMPROJECT", FakeAzureDevOps.PROJECT_NAME);
  }

  @AfterEach
  void stop() {
    devOps.close();
  }

  private KeyVaultOptions options(String name, String id, String client, String tenant) {
    return new KeyVaultOptions(
        AuthMode.AZURE_PIPELINES,
        tenant,
        client,
        id,
        name,
        Clouds.PUBLIC_AUTHORITY,
        KeyVaultOptions.DEFAULT_AUDIENCE,
        8,
        Duration.ofMinutes(1),
        Proxies.none(),
        env);
  }

  private KeyVaultOptions resolve(String name) {
    return ServiceConnections.forPipelines(options(name, null, null, null), protectedValues::add);
  }

  /** The failure of {@code call}: one line, of {@code kind}, without the token. */
  private static String failure(FailureKind kind, Runnable call) {
    try {
      call.run();
    } catch (UserFacingException e) {
      assertThat(e.kind()).isEqualTo(kind);
      assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain("\n");
      return e.getMessage();
    }
    throw new AssertionError("no failure");
  }

  @Test
  void theNameGivesTheIdClientAndTenantThroughTheRestApi() {
    KeyVaultOptions resolved = resolve(NAME);

    assertThat(resolved.serviceConnectionId()).isEqualTo(ID);
    assertThat(resolved.clientId()).isEqualTo(CLIENT);
    assertThat(resolved.tenantId()).isEqualTo(TENANT);
    assertThat(protectedValues).contains(TOKEN);
    assertThat(devOps.requests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.path())
                  .isEqualTo(
                      "/acme/" + FakeAzureDevOps.PROJECT_ID + "/_apis/serviceendpoint/endpoints");
              assertThat(r.query())
                  .containsExactlyInAnyOrderEntriesOf(
                      Map.of("endpointNames", NAME, "api-version", "7.1"));
              assertThat(r.authorization()).isEqualTo("Bearer " + TOKEN);
            });
  }

  @Test
  void theProjectNameAndTheOlderCollectionVariableServeWhenTheOthersAreAbsent() {
    env.remove("SYSTEM_TEAMPROJECTID");
    String collection = env.remove("SYSTEM_COLLECTIONURI");
    env.put("SYSTEM_TEAMFOUNDATIONCOLLECTIONURI", collection.substring(0, collection.length() - 1));

    assertThat(resolve("PROD-KV").serviceConnectionId()).isEqualTo(ID);
    assertThat(devOps.requests().get(0).path())
        .isEqualTo("/acme/Api Tests/_apis/serviceendpoint/endpoints");
  }

  @Test
  void explicitClientAndTenantWinOverTheConnections() {
    KeyVaultOptions resolved =
        ServiceConnections.forPipelines(
            options(NAME, null, "explicit-client", "explicit-tenant"), protectedValues::add);

    assertThat(resolved.serviceConnectionId()).isEqualTo(ID);
    assertThat(resolved.clientId()).isEqualTo("explicit-client");
    assertThat(resolved.tenantId()).isEqualTo("explicit-tenant");
  }

  @Test
  void theGuidFormIsUsedAsGivenWithoutAskingAzureDevOps() {
    KeyVaultOptions given = options(null, ID, CLIENT, TENANT);

    assertThat(ServiceConnections.forPipelines(given, protectedValues::add)).isSameAs(given);
    assertThat(devOps.requests()).isEmpty();
  }

  @Test
  void anUnknownNameNamesItAndTheProject() {
    assertThat(failure(FailureKind.SECRETS, () -> resolve("staging-kv")))
        .isEqualTo(
            "Azure sign-in failed: Service connection 'staging-kv' in project 'Api Tests' was not"
                + " found: check the name (Project settings > Service connections) and that this"
                + " pipeline may use it");
  }

  @Test
  void aConnectionWithASecretNamesItsScheme() {
    devOps.add(
        new FakeAzureDevOps.Connection(
            UUID.randomUUID().toString(), "legacy", "ServicePrincipal", CLIENT, TENANT));

    assertThat(failure(FailureKind.SECRETS, () -> resolve("legacy")))
        .isEqualTo(
            "Azure sign-in failed: service connection 'legacy' in project 'Api Tests' uses the"
                + " scheme 'ServicePrincipal', not WorkloadIdentityFederation: convert it to"
                + " workload identity federation (its page in Project settings > Service"
                + " connections offers it) or name one that uses it");
  }

  @Test
  void aMissingTokenSaysHowToMapIt() {
    env.remove("SYSTEM_ACCESSTOKEN");

    assertThat(failure(FailureKind.SECRETS, () -> resolve(NAME)))
        .contains("map 'SYSTEM_ACCESSTOKEN: $(System.AccessToken)'");
    assertThat(devOps.requests()).isEmpty();
  }

  @Test
  void aRefusedTokenSaysWhichRoleTheBuildServiceNeeds() {
    env.put("SYSTEM_ACCESSTOKEN", TOKEN + "-expired");
    String expected =
        "Azure sign-in failed: Azure DevOps refused to show service connection 'prod-kv' in"
            + " project 'Api Tests' (HTTP %d): the pipeline's build service needs the \"User\""
            + " role on the service connection (Project settings > Service connections >"
            + " Security), and the job's token must be scoped to this project (check 'Limit job"
            + " authorization scope')";

    assertThat(failure(FailureKind.SECRETS, () -> resolve(NAME)))
        .isEqualTo(expected.formatted(401));

    env.put("SYSTEM_ACCESSTOKEN", TOKEN);
    devOps.answer(403);
    assertThat(failure(FailureKind.SECRETS, () -> resolve(NAME)))
        .isEqualTo(expected.formatted(403));
  }

  @Test
  void twoConnectionsOfOneNameAreListedById() {
    String other = "0f1e2d3c-0000-4000-8000-000000000009";
    devOps.addFederated(other, "Prod-KV", CLIENT, TENANT);

    assertThat(failure(FailureKind.SECRETS, () -> resolve(NAME)))
        .isEqualTo(
            "Azure sign-in failed: 2 service connections are named 'prod-kv' in project 'Api"
                + " Tests' ("
                + ID
                + ", "
                + other
                + "): pass the one to use with --service-connection-id");
  }

  @Test
  void anUnknownProjectIsNamed() {
    env.put("SYSTEM_TEAMPROJECTID", "no-such-project");
    env.put("SYSTEM_TEAMPROJECT", "Gone");

    assertThat(failure(FailureKind.SECRETS, () -> resolve(NAME)))
        .isEqualTo(
            "Azure sign-in failed: Azure DevOps has no project 'Gone' at SYSTEM_COLLECTIONURI"
                + " (HTTP 404)");
  }

  @Test
  void outsideAPipelineJobThePredefinedVariablesAreMissing() {
    env.remove("SYSTEM_COLLECTIONURI");

    assertThat(failure(FailureKind.SECRETS, () -> resolve(NAME)))
        .startsWith(
            "Azure sign-in failed: --service-connection needs SYSTEM_COLLECTIONURI and"
                + " SYSTEM_TEAMPROJECTID");
  }

  @Test
  void anUnreachableCollectionIsNamedByItsHostOnly() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    env.put("SYSTEM_COLLECTIONURI", "https://localhost:" + port + "/acme/");

    assertThat(failure(FailureKind.SECRETS, () -> resolve(NAME)))
        .startsWith(
            "Azure sign-in failed: could not reach Azure DevOps at https://localhost:"
                + port
                + " to look up service connection 'prod-kv' (");
  }

  @Test
  void theNameAndTheIdTogetherAreAUsageError() {
    assertThat(
            failure(
                FailureKind.USAGE,
                () ->
                    ServiceConnections.forPipelines(
                        options(NAME, ID, null, null), protectedValues::add)))
        .isEqualTo(
            "pass --service-connection (NKV_SERVICE_CONNECTION) or --service-connection-id"
                + " (AZURESUBSCRIPTION_SERVICE_CONNECTION_ID), not both");
  }

  @Test
  void theNameWithAnotherSignInModeIsAUsageError() {
    KeyVaultOptions github =
        new KeyVaultOptions(
            AuthMode.GITHUB,
            TENANT,
            CLIENT,
            null,
            NAME,
            Clouds.PUBLIC_AUTHORITY,
            KeyVaultOptions.DEFAULT_AUDIENCE,
            8,
            Duration.ofMinutes(1),
            Proxies.none(),
            env);

    assertThat(failure(FailureKind.USAGE, () -> SignIn.create(github, null, protectedValues::add)))
        .isEqualTo(
            "--service-connection names an Azure Pipelines service connection: it needs --auth"
                + " azure-pipelines (or auto inside a pipeline job), not --auth github");
  }

  @Test
  void autoPicksAzurePipelinesWhenAConnectionIsNamed() {
    env.remove("SYSTEM_ACCESSTOKEN");
    KeyVaultOptions auto =
        new KeyVaultOptions(
            AuthMode.AUTO,
            null,
            null,
            null,
            NAME,
            Clouds.PUBLIC_AUTHORITY,
            KeyVaultOptions.DEFAULT_AUDIENCE,
            8,
            Duration.ofMinutes(1),
            Proxies.none(),
            env);

    assertThat(SignIn.detect(auto)).isEqualTo(AuthMode.AZURE_PIPELINES);
  }

  @Test
  void answersThatAreNotAListOrLackIdsAreExplained() {
    assertThat(
            failure(
                FailureKind.SECRETS,
                () -> ServiceConnections.parse(NAME, "P", 200, bytes("<html>sign in</html>"))))
        .isEqualTo(
            "Azure sign-in failed: Azure DevOps did not answer the look-up of service connection"
                + " 'prod-kv' in project 'P' with a list of connections");
    assertThat(
            failure(
                FailureKind.SECRETS,
                () ->
                    ServiceConnections.parse(
                        NAME,
                        "P",
                        200,
                        bytes(
                            "{\"count\":1,\"value\":[{\"id\":\"x\",\"authorization\":"
                                + "{\"scheme\":\"WorkloadIdentityFederation\",\"parameters\":"
                                + "{\"tenantid\":\"t\"}}}]}"))))
        .endsWith(
            "lacks its id, serviceprincipalid or tenantid: pass --service-connection-id,"
                + " --client-id and --tenant-id");
    assertThat(
            failure(FailureKind.SECRETS, () -> ServiceConnections.parse(NAME, "P", 500, bytes(""))))
        .isEqualTo(
            "Azure sign-in failed: Azure DevOps answered HTTP 500 to the look-up of service"
                + " connection 'prod-kv' in project 'P'");
  }

  @Test
  void parametersAndTheSchemeAreReadIgnoringCase() {
    ServiceConnections.Connection connection =
        ServiceConnections.parse(
            NAME,
            "P",
            200,
            bytes(
                "{\"count\":1,\"value\":[{\"id\":\"i\",\"authorization\":"
                    + "{\"scheme\":\"workloadidentityfederation\",\"parameters\":"
                    + "{\"servicePrincipalId\":\"c\",\"TenantId\":\"t\"}}}]}"));

    assertThat(connection).isEqualTo(new ServiceConnections.Connection("i", "c", "t"));
  }

  @Test
  void theUriEncodesTheProjectAndTheName() {
    assertThat(
            ServiceConnections.endpointsUri(
                    "https://dev.azure.com/fabrikam/", "My Project", "prod kv&x")
                .toString())
        .isEqualTo(
            "https://dev.azure.com/fabrikam/My%20Project/_apis/serviceendpoint/endpoints"
                + "?endpointNames=prod%20kv%26x&api-version=7.1");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
