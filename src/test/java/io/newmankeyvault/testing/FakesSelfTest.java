package io.newmankeyvault.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceModifiedException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.identity.AzurePipelinesCredentialBuilder;
import com.azure.identity.ClientAssertionCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proves that the fakes speak the real protocols: the real Azure SDK (Key Vault secrets, Azure
 * Identity with MSAL, the JDK HTTP client) reads secrets from {@link FakeKeyVault} with tokens from
 * {@link FakeEntraId}, exchanged for JWTs from {@link FakeOidcIssuer}, over real TLS, with the
 * challenge resource check on. Every test starts new servers, so every test has fresh ports (the
 * SDK caches challenges per host:port).
 */
class FakesSelfTest {
  private static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  private static final String CLIENT = "0a1b2c3d-0000-4000-8000-00000000c11e";

  private FakeEntraId entra;
  private FakeKeyVault vault;
  private FakeOidcIssuer oidc;
  private final HttpClient plain = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    entra = new FakeEntraId(TENANT);
    vault = new FakeKeyVault(entra);
    oidc = new FakeOidcIssuer();
    entra.acceptFederated(
        FakeOidcIssuer.GITHUB_ISSUER, oidc.githubSubject(), FakeOidcIssuer.EXCHANGE_AUDIENCE);
  }

  @AfterEach
  void stop() {
    vault.close();
    entra.close();
    oidc.close();
  }

  /** What GitHub Actions' token request does: URL + {@code &audience=}, bearer, {"value":...}. */
  private String githubJwt() {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(
                      oidc.githubRequestUrl()
                          + "&audience="
                          + URLEncoder.encode(
                              FakeOidcIssuer.EXCHANGE_AUDIENCE, StandardCharsets.UTF_8)))
              .header("Authorization", "Bearer " + oidc.githubRequestToken())
              .build();
      HttpResponse<String> response = plain.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      return (String) FakeHttp.JSON.readValue(response.body(), Map.class).get("value");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private TokenCredential githubCredential(String tenant) {
    return new ClientAssertionCredentialBuilder()
        .tenantId(tenant)
        .clientId(CLIENT)
        .authorityHost(entra.authorityHost())
        .disableInstanceDiscovery()
        .clientAssertion(this::githubJwt)
        .httpClient(new JdkHttpClientBuilder().build())
        .build();
  }

  private SecretClient client(String vaultName, TokenCredential credential) {
    return new SecretClientBuilder()
        .vaultUrl(vault.url(vaultName))
        .credential(credential)
        .httpClient(new JdkHttpClientBuilder().build())
        .buildClient();
  }

  /**
   * For failure paths: the default retry policy retries credential and connection failures 3 times
   * with exponential back-off (about 5.6 s per failing call); this keeps the suite fast.
   */
  private SecretClient fastFailingClient(String url, TokenCredential credential) {
    return new SecretClientBuilder()
        .vaultUrl(url)
        .credential(credential)
        .httpClient(new JdkHttpClientBuilder().build())
        .retryOptions(new RetryOptions(new FixedDelayOptions(1, Duration.ofMillis(10))))
        .buildClient();
  }

  /**
   * {@code call} fails with the Azure SDK's {@code type} for HTTP {@code status}, its message
   * holding {@code text}.
   */
  private static void assertFailsWith(
      ThrowingCallable call, Class<? extends HttpResponseException> type, int status, String text) {
    assertThatThrownBy(call)
        .isInstanceOf(type)
        .satisfies(
            e ->
                assertThat(((HttpResponseException) e).getResponse().getStatusCode())
                    .isEqualTo(status))
        .hasMessageContaining(text);
  }

  private SecretClient client(String vaultName) {
    return client(vaultName, githubCredential(TENANT));
  }

  @Test
  void readsASecretThroughChallengeTokenAndRetry() {
    vault.put("kv1", "db-password", "CANARY-s3cret-END");
    SecretClient client = client("kv1");

    long start = System.nanoTime();
    KeyVaultSecret secret = client.getSecret("db-password");
    long firstMs = (System.nanoTime() - start) / 1_000_000;
    start = System.nanoTime();
    client.getSecret("db-password");
    long secondMs = (System.nanoTime() - start) / 1_000_000;
    // The first read pays the challenge, the token and the TLS handshakes; the second none.
    assertThat(secondMs).isLessThan(firstMs);

    assertThat(secret.getValue()).isEqualTo("CANARY-s3cret-END");
    assertThat(secret.getName()).isEqualTo("db-password");
    assertThat(secret.getProperties().getVersion()).hasSize(32);
    assertThat(secret.getProperties().isEnabled()).isTrue();

    List<FakeKeyVault.Request> requests = vault.requests();
    assertThat(requests.get(0).authorization()).isFalse();
    assertThat(requests.get(0).status()).isEqualTo(401);
    assertThat(requests.get(0).pathAndQuery()).startsWith("/secrets/db-password");
    assertThat(requests.get(1).authorization()).isTrue();
    assertThat(requests.get(1).status()).isEqualTo(200);
    assertThat(requests.get(0).host()).isEqualTo(vault.host("kv1"));
    assertThat(requests.get(1).pathAndQuery())
        .isEqualTo("/secrets/db-password/?api-version=2025-07-01");
    assertThat(vault.reads("kv1", "db-password")).isEqualTo(2);

    assertThat(entra.requests()).hasSize(1); // the token is cached
    FakeEntraId.Request token = entra.requests().get(0);
    assertThat(token.tenant()).isEqualTo(TENANT);
    assertThat(token.form())
        .containsEntry("grant_type", "client_credentials")
        .containsEntry("client_id", CLIENT)
        .containsEntry(
            "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        .containsKey("client_assertion");
    assertThat(oidc.issuedJwts()).contains(token.form().get("client_assertion"));
    // MSAL asks for the assertion twice for one token (the credential and the token request).
    assertThat(oidc.issuedJwts()).hasSize(2);
    assertThat(token.form().get("scope")).contains("https://vault.localhost/.default");
    assertThat(entra.issued(entra.issuedTokens().get(0)).orElseThrow().scope())
        .isEqualTo("https://vault.localhost/.default");
    assertThat(token.form().keySet())
        .containsExactlyInAnyOrder(
            "scope",
            "client_assertion",
            "client_info",
            "client_assertion_type",
            "grant_type",
            "client_id",
            "claims");
    assertThat(entra.issuedTokens())
        .hasSize(1)
        .allMatch(t -> t.startsWith("at-CANARY-") && t.endsWith("-END"));
  }

  @Test
  void pinnedVersionAndCaseInsensitiveNames() {
    String v1 = vault.put("kv2", "Api-Key", "first");
    vault.put("kv2", "Api-Key", "second");
    SecretClient client = client("kv2");
    assertThat(client.getSecret("api-key", v1).getValue()).isEqualTo("first");
    assertThat(client.getSecret("Api-Key").getValue()).isEqualTo("second");
    assertThat(client.getSecret("Api-Key", v1).getName()).isEqualTo("Api-Key");
    assertThat(vault.requests())
        .anyMatch(r -> r.pathAndQuery().startsWith("/secrets/api-key/" + v1 + "?api-version="));
  }

  @Test
  void notFoundForbiddenDisabledAndExpired() {
    vault.put("kv3", "off", "x");
    vault.disable("kv3", "off");
    vault.forbid("kv3", "locked");
    vault.put("kv3", "old", "still-readable");
    vault.expire("kv3", "old");
    vault.put("kv3", "future", "also-readable");
    vault.notYetValid("kv3", "future");
    SecretClient client = client("kv3");

    assertFailsWith(
        () -> client.getSecret("nope"), ResourceNotFoundException.class, 404, "SecretNotFound");
    assertFailsWith(
        () -> client.getSecret("off", "0123456789abcdef0123456789abcdef"),
        ResourceNotFoundException.class,
        404,
        "SecretNotFound");
    assertFailsWith(
        () -> client.getSecret("locked"), ResourceModifiedException.class, 403, "ForbiddenByRbac");
    assertFailsWith(
        () -> client.getSecret("off"), ResourceModifiedException.class, 403, "SecretDisabled");
    KeyVaultSecret old = client.getSecret("old");
    assertThat(old.getValue()).isEqualTo("still-readable");
    assertThat(old.getProperties().getExpiresOn())
        .isBefore(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
    assertThat(client.getSecret("future").getProperties().getNotBefore())
        .isAfter(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
  }

  @Test
  void throttledThenOkHonoursRetryAfter() {
    vault.put("kv4", "hot", "v");
    SecretClient client = client("kv4");
    client.getSecret("hot"); // challenge and token out of the way
    vault.throttleNext("kv4", "hot", 2, 1);
    long start = System.nanoTime();
    assertThat(client.getSecret("hot").getValue()).isEqualTo("v");
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(ms).isGreaterThanOrEqualTo(1900); // two waits of Retry-After: 1 s
    assertThat(vault.requests().stream().filter(r -> r.status() == 429)).hasSize(2);

    vault.throttleNext("kv4", "hot", 10, 0);
    assertFailsWith(() -> client.getSecret("hot"), HttpResponseException.class, 429, "Throttled");
    // The two above, then the first try and the SDK's default 3 retries.
    assertThat(vault.requests().stream().filter(r -> r.status() == 429)).hasSize(2 + 4);
  }

  @Test
  void wrongTenants() {
    vault.put("kv5", "s", "v");
    // The credential names another tenant than the vault's challenge: refused inside the SDK.
    assertThatThrownBy(
            () ->
                fastFailingClient(
                        vault.url("kv5"), githubCredential("00000000-0000-0000-0000-000000000bad"))
                    .getSecret("s"))
        .hasStackTraceContaining("ClientAuthenticationException")
        .hasStackTraceContaining("not configured to acquire tokens for tenant");
    // The vault and credential agree on a tenant that Entra does not know: AADSTS90002.
    try (FakeKeyVault other = new FakeKeyVault(entra)) {
      other.challengeTenant("00000000-0000-0000-0000-000000000bad");
      other.put("kv5", "s", "v");
      SecretClient client =
          fastFailingClient(
              other.url("kv5"), githubCredential("00000000-0000-0000-0000-000000000bad"));
      assertThatThrownBy(() -> client.getSecret("s")).hasStackTraceContaining("AADSTS90002");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(entra.requests()).anyMatch(r -> r.status() == 400);
  }

  @Test
  void noMatchingFederatedCredential() {
    vault.put("kv6", "s", "v");
    oidc.githubSubject("repo:acme/other-repo:ref:refs/heads/main");
    assertThatThrownBy(
            () -> fastFailingClient(vault.url("kv6"), githubCredential(TENANT)).getSecret("s"))
        .hasStackTraceContaining("AADSTS700213")
        .hasStackTraceContaining("repo:acme/other-repo:ref:refs/heads/main");
    assertThat(entra.issuedTokens()).isEmpty();
    assertThat(entra.requests()).as("token requests for one getSecret, one retry").hasSize(2);
    assertThat(vault.requests()).noneMatch(FakeKeyVault.Request::authorization);
  }

  @Test
  void azurePipelinesCredential() {
    entra.acceptFederated(
        oidc.pipelinesIssuer(), oidc.pipelinesSubject(), FakeOidcIssuer.EXCHANGE_AUDIENCE);
    vault.put("kv-prod", "s", "from-pipelines");
    TokenCredential credential =
        new AzurePipelinesCredentialBuilder()
            .tenantId(TENANT)
            .clientId(CLIENT)
            .serviceConnectionId(oidc.serviceConnectionId())
            .systemAccessToken(oidc.pipelinesAccessToken())
            // configuration(...) resets the authority host from the configuration: set it first.
            .configuration(
                new ConfigurationBuilder(
                        p -> Map.of(),
                        p -> Map.of(),
                        p -> Map.of("SYSTEM_OIDCREQUESTURI", oidc.pipelinesRequestUri()))
                    .build())
            .authorityHost(entra.authorityHost())
            .disableInstanceDiscovery()
            .httpClient(new JdkHttpClientBuilder().build())
            .build();
    assertThat(client("kv-prod", credential).getSecret("s").getValue()).isEqualTo("from-pipelines");
    FakeOidcIssuer.Request request = oidc.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.query())
        .containsEntry("api-version", "7.1")
        .containsEntry("serviceConnectionId", oidc.serviceConnectionId());
    assertThat(request.authorization()).isEqualTo("Bearer " + oidc.pipelinesAccessToken());
    assertThat(oidc.issuedJwts()).contains(entra.requests().get(0).form().get("client_assertion"));
  }

  @Test
  void clientSecretCredential() {
    entra.acceptClientSecret(CLIENT, "cs-CANARY-1234-END");
    vault.put("kv7", "s", "v");
    TokenCredential good =
        new ClientSecretCredentialBuilder()
            .tenantId(TENANT)
            .clientId(CLIENT)
            .clientSecret("cs-CANARY-1234-END")
            .authorityHost(entra.authorityHost())
            .disableInstanceDiscovery()
            .httpClient(new JdkHttpClientBuilder().build())
            .build();
    assertThat(client("kv7", good).getSecret("s").getValue()).isEqualTo("v");
    TokenCredential bad =
        new ClientSecretCredentialBuilder()
            .tenantId(TENANT)
            .clientId(CLIENT)
            .clientSecret("wrong")
            .authorityHost(entra.authorityHost())
            .disableInstanceDiscovery()
            .httpClient(new JdkHttpClientBuilder().build())
            .build();
    assertThatThrownBy(
            () ->
                bad.getTokenSync(
                    new TokenRequestContext().addScopes("https://vault.localhost/.default")))
        .hasStackTraceContaining("AADSTS7000215");
  }

  @Test
  void listsSecretNamesAcrossPages() {
    for (String name : List.of("a", "b", "c", "d", "e")) {
      vault.put("kv8", name, "v-" + name);
    }
    vault.disable("kv8", "c");
    vault.pageSize(2);
    SecretClient client = client("kv8");
    List<String> names = new ArrayList<>();
    for (SecretProperties properties : client.listPropertiesOfSecrets()) {
      names.add(properties.getName());
    }
    assertThat(names).containsExactly("a", "b", "c", "d", "e");
    assertThat(vault.requests().stream().map(FakeKeyVault.Request::pathAndQuery))
        .containsExactly(
            "/secrets?api-version=2025-07-01",
            "/secrets?api-version=2025-07-01",
            "/secrets?api-version=2025-07-01&$skiptoken=2&maxresults=2",
            "/secrets?api-version=2025-07-01&$skiptoken=4&maxresults=2");

    vault.denyListing("kv9");
    assertFailsWith(
        () -> client("kv9").listPropertiesOfSecrets().forEach(p -> {}),
        HttpResponseException.class,
        403,
        "list permission");
  }

  @Test
  void concurrentReadsOverlap() throws Exception {
    for (int i = 0; i < 120; i++) {
      vault.put("kv9", "s" + i, "v" + i);
    }
    vault.latency(Duration.ofMillis(50));
    SecretClient client = client("kv9");
    client.getSecret("s0");
    // At most 16 client threads: the JDK transport reads bodies on azure-core's shared pool
    // (10 x cores = 20 threads here), and more concurrent synchronous calls than that deadlock
    // until the 60 s read timeout (unless -Dazure.sdk.shared.threadpool.maxpoolsize is raised).
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      long start = System.nanoTime();
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        String name = "s" + i;
        results.add(pool.submit(() -> client.getSecret(name).getValue()));
      }
      for (int i = 0; i < 120; i++) {
        assertThat(results.get(i).get()).isEqualTo("v" + i);
      }
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertThat(ms).isLessThan(120 * 50 / 2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void wildcardCertificateAndHostsFile() throws Exception {
    // kv-other.vault.localhost matches *.vault.localhost with the JDK's hostname verifier.
    HttpResponse<String> response =
        plain.send(
            HttpRequest.newBuilder(URI.create(vault.url("kv-other") + "/secrets/x?api-version=7.6"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValue(
            "Bearer authorization=\""
                + entra.authority()
                + "\", resource=\"https://vault.localhost\"");
    // missing.vault.localhost is not in the hosts file: a DNS failure, as the tests expect.
    long start = System.nanoTime();
    assertThatThrownBy(
            () -> fastFailingClient(vault.url("missing"), githubCredential(TENANT)).getSecret("s"))
        .hasRootCauseInstanceOf(java.nio.channels.UnresolvedAddressException.class);
    assertThat((System.nanoTime() - start) / 1_000_000)
        .as("ms to fail, one retry")
        .isLessThan(5_000);
  }

  @Test
  void managedIdentityEndpointShape() throws Exception {
    try (FakeManagedIdentityEndpoint msi = new FakeManagedIdentityEndpoint(entra)) {
      URI uri =
          URI.create(
              msi.identityEndpoint()
                  + "?api-version=2019-08-01&resource="
                  + URLEncoder.encode(FakeKeyVault.RESOURCE, StandardCharsets.UTF_8));
      HttpResponse<String> refused =
          plain.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isEqualTo(401);
      HttpResponse<String> answer =
          plain.send(
              HttpRequest.newBuilder(uri).header("X-IDENTITY-HEADER", msi.identityHeader()).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
      Map<?, ?> json = FakeHttp.JSON.readValue(answer.body(), Map.class);
      assertThat(json.get("token_type")).isEqualTo("Bearer");
      assertThat(json.get("expires_on")).isInstanceOf(String.class);
      assertThat(entra.issued((String) json.get("access_token"))).isPresent();
    }
  }

  /**
   * The real SDK with IDENTITY_ENDPOINT/IDENTITY_HEADER, which MSAL reads from the process
   * environment.
   */
  @Test
  void managedIdentityCredentialInASpawnedJvm() throws Exception {
    vault.put("kv1", "mi-secret", "from-managed-identity");
    try (FakeManagedIdentityEndpoint msi = new FakeManagedIdentityEndpoint(entra)) {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(TestTls.jvmOptions());
      command.addAll(
          List.of(
              "-cp",
              System.getProperty("java.class.path"),
              ManagedIdentityProbe.class.getName(),
              vault.url("kv1"),
              "mi-secret"));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().putAll(msi.environment());
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor()).as(output).isZero();
      assertThat(output).contains("VALUE=from-managed-identity");
      assertThat(msi.requests()).hasSize(1);
      assertThat(msi.requests().get(0).query())
          .containsEntry("resource", "https://vault.localhost")
          .containsEntry("api-version", "2019-08-01");
    }
  }

  /**
   * Run by {@link #managedIdentityCredentialInASpawnedJvm}: reads one secret with
   * ManagedIdentityCredential.
   */
  public static final class ManagedIdentityProbe {
    public static void main(String[] args) {
      SecretClient client =
          new SecretClientBuilder()
              .vaultUrl(args[0])
              .credential(new com.azure.identity.ManagedIdentityCredentialBuilder().build())
              .httpClient(new JdkHttpClientBuilder().build())
              .buildClient();
      System.out.println("VALUE=" + client.getSecret(args[1]).getValue());
    }
  }
}
