package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.newmankeyvault.testing.FakeEntraId;
import io.newmankeyvault.testing.FakeKeyVault;
import io.newmankeyvault.testing.TestTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --ca-file}: the jar in a JVM that does not trust the fakes' certificate (no trust store
 * option, only the hosts file), signing in to the Entra ID fake and reading from the Key Vault fake
 * over TLS through the real SDK. Without the file the run stops with one line naming the host and
 * the option; with it the run goes through, and Newman gets the file as {@code
 * --ssl-extra-ca-certs}.
 */
class CaFileEndToEndIT {
  private static final String TENANT = "72f988bf-0000-4000-8000-0000000000cf";
  private static final String CLIENT = "0f1e2d3c-0000-4000-8000-0000000000cf";
  private static final String CLIENT_SECRET = "CANARY-ca-file-client-secret-END";
  private static final String SECRET = "CANARY-ca-file-5e6f-END";

  @TempDir Path runnerTemp;
  @TempDir Path work;

  private FakeEntraId entra;
  private FakeKeyVault vault;
  private RecordingServer server;

  @BeforeEach
  void start() throws Exception {
    entra =
        new FakeEntraId(TENANT).registerClientId(CLIENT).acceptClientSecret(CLIENT, CLIENT_SECRET);
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

  private Jar.Result run(String... extra) throws Exception {
    Path collection =
        Files.writeString(
            work.resolve("c.json"),
            """
            {"info":{"name":"ca","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
             "item":[{"name":"r","request":{"method":"GET","url":"%s/ca?t={{vault:api-token}}"}}]}
            """
                .formatted(server.baseUrl()));
    // Stands in for Newman's command: notes its arguments, then runs the real Newman.
    Path newman = work.resolve("newman");
    Files.writeString(
        newman,
        "#!/bin/sh\nprintf '%s\\n' \"$@\" > '"
            + work.resolve("newman-args")
            + "'\nexec '"
            + Jar.newman()
            + "' \"$@\"\n");
    Files.setPosixFilePermissions(newman, PosixFilePermissions.fromString("rwx------"));
    List<String> args =
        new ArrayList<>(List.of("-c", collection.toString(), "--auth", "environment"));
    args.addAll(vault.toolOptions("kv1"));
    args.addAll(List.of("--newman", newman.toString()));
    args.addAll(List.of(extra));
    return Jar.start(
            runnerTemp,
            List.of("-Djdk.net.hosts.file=" + TestTls.hostsFile()),
            Map.of(
                "AZURE_TENANT_ID", TENANT,
                "AZURE_CLIENT_ID", CLIENT,
                "AZURE_CLIENT_SECRET", CLIENT_SECRET),
            args.toArray(String[]::new))
        .await(Jar.TIMEOUT);
  }

  @Test
  void withoutTheCaFileTheUntrustedCertificateIsOneLineNamingTheHostAndTheOption()
      throws Exception {
    Jar.Result result = run();
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
    assertThat(result.stderr())
        .as(result.toString())
        .contains("is not trusted: pass the CA that issued it")
        .contains("--ca-file")
        .doesNotContain("Exception:")
        .doesNotContain("\tat ");
    assertThat(server.requests()).isEmpty();
    assertThat(result.output()).doesNotContain(SECRET).doesNotContain(CLIENT_SECRET);
  }

  @Test
  void withTheCaFileEveryConnectionTrustsItAndNewmanGetsIt() throws Exception {
    Path ca = TestTls.caPem(work);
    Jar.Result result = run("--ca-file", ca.toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(server.only("/ca").queryParameter("t")).containsExactly(SECRET);
    assertThat(Files.readAllLines(work.resolve("newman-args")))
        .containsSubsequence("--ssl-extra-ca-certs", ca.toString());
    assertThat(result.output()).doesNotContain(SECRET).doesNotContain(CLIENT_SECRET);
  }

  @Test
  void aMissingOrNonPemCaFileIsAUsageErrorNamingTheFile() throws Exception {
    Jar.Result missing = run("--ca-file", work.resolve("nope.pem").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.stderr())
        .contains("--ca-file " + work.resolve("nope.pem") + ": no such file");

    Path notPem = Files.writeString(work.resolve("not.pem"), "CANARY-not-a-certificate-END\n");
    Jar.Result bad = run("--ca-file", notPem.toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.stderr()).contains("--ca-file " + notPem + ": holds no PEM certificate");
    assertThat(bad.output()).doesNotContain("CANARY-not-a-certificate");
  }
}
