package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.newmankeyvault.testing.FakeEntraId;
import io.newmankeyvault.testing.FakeKeyVault;
import io.newmankeyvault.testing.FakeManagedIdentityEndpoint;
import io.newmankeyvault.testing.TestTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sign-in modes that read the real process environment or run a program, so they are tested
 * through the jar in a child JVM: managed identity (App Service's IDENTITY_ENDPOINT) and the Azure
 * CLI (a stand-in {@code az} on PATH). Both end to end through real Newman.
 */
class KeyVaultAuthIT {
  private static final String TENANT = "72f988bf-0000-4000-8000-0000000000aa";
  private static final String SECRET = "CANARY-auth-it-7a7a-END";

  @TempDir Path runnerTemp;
  @TempDir Path work;

  private FakeEntraId entra;
  private FakeKeyVault vault;
  private RecordingServer server;

  @BeforeEach
  void start() throws Exception {
    entra = new FakeEntraId(TENANT);
    vault = new FakeKeyVault(entra);
    vault.put("kv1", "api-token", SECRET);
    server = RecordingServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
    vault.close();
    entra.close();
  }

  private Jar.Result run(String auth, Map<String, String> environment) throws Exception {
    Path collection =
        Files.writeString(
            work.resolve("c.json"),
            """
            {"info":{"name":"auth","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
             "item":[{"name":"r","request":{"method":"GET","url":"%s/auth?t={{vault:api-token}}"}}]}
            """
                .formatted(server.baseUrl()));
    List<String> args = new ArrayList<>(List.of("-c", collection.toString(), "--auth", auth));
    args.addAll(vault.toolOptions("kv1"));
    args.addAll(List.of("--newman", Jar.newman().toString()));
    return Jar.start(runnerTemp, TestTls.jvmOptions(), environment, args.toArray(String[]::new))
        .await(Jar.TIMEOUT);
  }

  @Test
  void managedIdentity() throws Exception {
    try (FakeManagedIdentityEndpoint endpoint = new FakeManagedIdentityEndpoint(entra)) {
      Jar.Result result = run("managed-identity", endpoint.environment());

      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(server.only("/auth").queryParameter("t")).containsExactly(SECRET);
      assertThat(endpoint.requests()).isNotEmpty();
      assertNothingLeaked(result);
    }
  }

  @Test
  void azureCli() throws Exception {
    String token =
        entra.mint("04b07795-8ddb-461a-bbee-02f9e1bf7b46", FakeKeyVault.RESOURCE + "/.default");
    Path bin = Files.createDirectories(work.resolve("bin"));
    Path az = bin.resolve("az");
    Files.writeString(
        az,
        """
        #!/bin/sh
        # A stand-in for 'az account get-access-token --output json --resource ...'.
        case "$*" in
          *get-access-token*) ;;
          *) echo "unexpected: $*" >&2; exit 2 ;;
        esac
        cat <<JSON
        {"accessToken": "%s", "expiresOn": "2099-01-01 00:00:00.000000", "expires_on": %d,
         "subscription": "00000000-0000-0000-0000-000000000000", "tenant": "%s", "tokenType": "Bearer"}
        JSON
        """
            .formatted(token, Instant.now().getEpochSecond() + 3600, TENANT));
    Files.setPosixFilePermissions(az, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> environment = new HashMap<>();
    environment.put("PATH", bin + ":" + System.getenv("PATH"));

    Jar.Result result = run("azure-cli", environment);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(server.only("/auth").queryParameter("t")).containsExactly(SECRET);
    assertThat(result.output()).doesNotContain(token);
    assertNothingLeaked(result);
  }

  private void assertNothingLeaked(Jar.Result result) {
    assertThat(result.output()).doesNotContain(SECRET);
    assertThat(result.stderr())
        .as("no SLF4J or SDK noise")
        .doesNotContain("SLF4J")
        .doesNotContain("WARN");
    for (String token : entra.issuedTokens()) {
      assertThat(result.output()).doesNotContain(token);
    }
    assertThat(Jar.entries(runnerTemp)).isEqualTo(List.of());
  }
}
