package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.newmankeyvault.testing.Cli;
import io.newmankeyvault.testing.FakeAzureDevOps;
import io.newmankeyvault.testing.FakeEntraId;
import io.newmankeyvault.testing.FakeKeyVault;
import io.newmankeyvault.testing.FakeManagedIdentityEndpoint;
import io.newmankeyvault.testing.FakeOidcIssuer;
import io.newmankeyvault.testing.FakePostmanApi;
import io.newmankeyvault.testing.FakeProxy;
import io.newmankeyvault.testing.TestTls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar behind a corporate proxy: a JVM that resolves no name at all (an empty hosts file) and
 * trusts the fakes only through {@code --ca-file} reaches the Postman API, the GitHub OIDC
 * endpoint, Entra ID and Key Vault only through a CONNECT proxy that wants Basic credentials and
 * alone resolves their names. Every form of the proxy password is searched for in every output.
 */
class ProxyEndToEndIT {
  private static final String TENANT = "72f988bf-0000-4000-8000-0000000000bb";
  private static final String CLIENT = "0f1e2d3c-0000-4000-8000-0000000000bb";
  private static final String USER = "svc-ci";
  private static final String PASSWORD = "CANARY-pr0xy:p@ss/w%rd-END";
  private static final String ENCODED = "CANARY-pr0xy%3Ap%40ss%2Fw%25rd-END";
  private static final String API_KEY =
      "PMAK-CANARY0proxy0key0000-0123456789abcdef0123456789abcdef01";
  private static final String SECRET = "CANARY-behind-the-proxy-7a8b-END";
  private static final String COLLECTION = "12345-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

  @TempDir Path runnerTemp;
  @TempDir Path work;

  private FakeProxy proxy;
  private FakeEntraId entra;
  private FakeKeyVault vault;
  private FakeOidcIssuer oidc;
  private FakePostmanApi postman;
  private RecordingServer server;
  private final List<Jar.Result> results = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    proxy = new FakeProxy(USER, PASSWORD);
    entra = new FakeEntraId(TENANT).registerClientId(CLIENT);
    oidc = new FakeOidcIssuer();
    entra.acceptFederated(
        FakeOidcIssuer.GITHUB_ISSUER, oidc.githubSubject(), FakeOidcIssuer.EXCHANGE_AUDIENCE);
    vault = new FakeKeyVault(entra);
    vault.put("kv1", "api-token", SECRET);
    server = RecordingServer.start();
    postman = new FakePostmanApi(API_KEY);
    postman.collection(
        COLLECTION,
        """
        {"info":{"name":"proxy","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
         "item":[{"name":"r","request":{"method":"GET","url":"%s/proxied?t={{vault:api-token}}"}}]}
        """
            .formatted(server.baseUrl()));
  }

  @AfterEach
  void stop() throws Exception {
    for (Jar.Result result : results) {
      List<String> never =
          new ArrayList<>(
              List.of(
                  PASSWORD,
                  ENCODED,
                  Base64.getEncoder()
                      .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)),
                  SECRET,
                  API_KEY,
                  oidc.githubRequestToken(),
                  oidc.pipelinesAccessToken()));
      never.addAll(entra.issuedTokens());
      never.addAll(oidc.issuedJwts());
      for (String value : never) {
        assertThat(result.output()).as(result.toString()).doesNotContain(value);
      }
      assertThat(Cli.entriesUnder(runnerTemp)).isEmpty();
    }
    proxy.close();
    server.close();
    postman.close();
    vault.close();
    oidc.close();
    entra.close();
  }

  /** A name only the proxy resolves, for a fake's 127.0.0.1 URL. */
  private static String viaName(String url, String name) {
    return url.replace("127.0.0.1", name);
  }

  private Map<String, String> proxyEnvironment(String userInfo) {
    Map<String, String> env = new HashMap<>();
    env.put("HTTPS_PROXY", proxy.url(userInfo));
    env.put("http_proxy", proxy.url(userInfo));
    // Newman's own request goes to 127.0.0.1 directly (Newman reads these variables too).
    env.put("NO_PROXY", "127.0.0.1:" + recordingPort() + ",.example.invalid");
    env.put("POSTMAN_API_KEY", API_KEY);
    env.put("AZURE_TENANT_ID", TENANT);
    env.put("AZURE_CLIENT_ID", CLIENT);
    env.put("ACTIONS_ID_TOKEN_REQUEST_URL", viaName(oidc.githubRequestUrl(), "oidc.localhost"));
    env.put("ACTIONS_ID_TOKEN_REQUEST_TOKEN", oidc.githubRequestToken());
    return env;
  }

  private int recordingPort() {
    return java.net.URI.create(server.baseUrl()).getPort();
  }

  private Jar.Result run(Map<String, String> env, String... extra) throws Exception {
    return runWith(env, COLLECTION, "github", extra);
  }

  private Jar.Result runWith(
      Map<String, String> env, String collection, String auth, String... extra) throws Exception {
    Path emptyHosts = Files.writeString(work.resolve("hosts"), "# resolves nothing\n");
    List<String> args =
        new ArrayList<>(
            List.of(
                "-c",
                collection,
                "--postman-api-url",
                viaName(postman.url(), "postman.localhost"),
                "--auth",
                auth,
                "--ca-file",
                TestTls.caPem(work).toString(),
                "--newman",
                Jar.newman().toString()));
    args.addAll(vault.toolOptions("kv1"));
    args.addAll(List.of(extra));
    Jar.Result result =
        Jar.start(
                runnerTemp,
                List.of("-Djdk.net.hosts.file=" + emptyHosts),
                env,
                args.toArray(String[]::new))
            .await(Jar.TIMEOUT);
    results.add(result);
    return result;
  }

  @Test
  void everyConnectionOfTheToolGoesThroughTheProxyWithItsCredentials() throws Exception {
    Jar.Result result = run(proxyEnvironment(USER + ":" + ENCODED), "--verbose");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(server.only("/proxied").queryParameter("t")).containsExactly(SECRET);
    assertThat(proxy.tunnelledHosts())
        .contains("postman.localhost", "oidc.localhost", "login.localhost", "kv1.vault.localhost");
    assertThat(proxy.requests()).allMatch(FakeProxy.Request::authorized);
    assertThat(result.stderr())
        .contains(
            "newman-keyvault: proxy: "
                + vault.host("kv1")
                + " via http://127.0.0.1:"
                + proxy.port()
                + " (HTTPS_PROXY)")
        .contains(
            "newman-keyvault: proxy: oidc.localhost:"
                + oidc.port()
                + " via http://127.0.0.1:"
                + proxy.port()
                + " (http_proxy)")
        .doesNotContain(USER);
  }

  @Test
  void theServiceConnectionLookUpGoesThroughTheProxyAndTrustsTheCaFile() throws Exception {
    entra.acceptFederated(
        oidc.pipelinesIssuer(), oidc.pipelinesSubject(), FakeOidcIssuer.EXCHANGE_AUDIENCE);
    try (FakeAzureDevOps devOps =
        new FakeAzureDevOps(oidc.pipelinesAccessToken())
            .addFederated(oidc.serviceConnectionId(), "kv-reader", CLIENT, TENANT)) {
      Map<String, String> env = proxyEnvironment(USER + ":" + ENCODED);
      env.remove("AZURE_TENANT_ID");
      env.remove("AZURE_CLIENT_ID");
      env.remove("ACTIONS_ID_TOKEN_REQUEST_URL");
      env.remove("ACTIONS_ID_TOKEN_REQUEST_TOKEN");
      env.put("SYSTEM_ACCESSTOKEN", oidc.pipelinesAccessToken());
      env.put("SYSTEM_OIDCREQUESTURI", viaName(oidc.pipelinesRequestUri(), "oidc.localhost"));
      env.put("SYSTEM_COLLECTIONURI", devOps.collectionUri());
      env.put("SYSTEM_TEAMPROJECTID", FakeAzureDevOps.PROJECT_ID);
      env.put("NKV_SERVICE_CONNECTION", "kv-reader");

      Jar.Result result = runWith(env, COLLECTION, "azure-pipelines");

      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(server.only("/proxied").queryParameter("t")).containsExactly(SECRET);
      assertThat(devOps.requests())
          .singleElement()
          .satisfies(r -> assertThat(r.status()).isEqualTo(200));
      assertThat(proxy.tunnelledHosts()).contains("localhost", "login.localhost");
      assertThat(proxy.requests()).allMatch(FakeProxy.Request::authorized);
    }
  }

  @Test
  void wrongProxyCredentialsAreOneLineNamingTheProxyAndTheVariable() throws Exception {
    Jar.Result result = run(proxyEnvironment(USER + ":CANARY-wrong-password-END"));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
    assertThat(result.stderr())
        .contains(
            "error: the proxy http://127.0.0.1:"
                + proxy.port()
                + " (http_proxy) refused the credentials in http_proxy (407): check the user"
                + " and the password (URL-encoded)")
        .doesNotContain("CANARY-wrong-password")
        .doesNotContain("\tat ");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void keyVaultBehindAProxyWithoutCredentialsIsExitFourSayingWhereToPutThem() throws Exception {
    Path collection =
        Files.writeString(
            work.resolve("local.json"),
            """
            {"info":{"name":"local","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
             "item":[{"name":"r","request":{"method":"GET","url":"%s/local?t={{vault:api-token}}"}}]}
            """
                .formatted(server.baseUrl()));
    Map<String, String> env = proxyEnvironment(null);
    Jar.Result result = runWith(env, collection.toString(), "github");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
    assertThat(result.stderr())
        .contains("asks for credentials (407): put them in")
        .doesNotContain("\tat ");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void theManagedIdentityEndpointIsReachedDirectlyAndKeyVaultThroughTheProxy() throws Exception {
    try (FakeManagedIdentityEndpoint identity = new FakeManagedIdentityEndpoint(entra)) {
      Map<String, String> env = proxyEnvironment(USER + ":" + ENCODED);
      env.put("NO_PROXY", "127.0.0.1:" + recordingPort());
      env.put("IDENTITY_ENDPOINT", identity.identityEndpoint());
      env.put("IDENTITY_HEADER", identity.identityHeader());
      Jar.Result result = runWith(env, COLLECTION, "managed-identity");

      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(identity.requests()).isNotEmpty();
      assertThat(proxy.requests())
          .extracting(FakeProxy.Request::target)
          .noneMatch(
              target ->
                  target.contains(java.net.URI.create(identity.identityEndpoint()).getAuthority()));
      assertThat(proxy.tunnelledHosts()).contains("kv1.vault.localhost");
    }
  }

  @Test
  void aMalformedProxyVariableIsAUsageErrorThatNeverEchoesIt() throws Exception {
    Map<String, String> env = proxyEnvironment(null);
    env.put("HTTPS_PROXY", "http://" + USER + ":" + ENCODED + "@127.0.0.1:notaport");
    Jar.Result result = run(env);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.stderr())
        .contains(
            "error: HTTPS_PROXY is not a proxy URL: expected http://[USER:PASSWORD@]HOST[:PORT]");
    assertThat(proxy.requests()).isEmpty();
  }
}
