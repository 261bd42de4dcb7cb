package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newmankeyvault.testing.Cli;
import io.newmankeyvault.testing.FakeEntraId;
import io.newmankeyvault.testing.FakeKeyVault;
import io.newmankeyvault.testing.MtlsServer;
import io.newmankeyvault.testing.TestClientCertificate;
import io.newmankeyvault.testing.TestTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --client-cert}: real Newman against an HTTPS server that wants one client certificate,
 * with the certificate read from the Key Vault fake through the real SDK (base64 PKCS#12, as Key
 * Vault keeps a certificate's secret) or from the secrets file (PEM). Every form of the private key
 * is searched for in every output, the reports and what the run leaves behind.
 */
class ClientCertEndToEndIT {
  private static final String TENANT = "72f988bf-0000-4000-8000-0000000000cc";
  private static final String CLIENT = "0f1e2d3c-0000-4000-8000-0000000000cc";
  private static final String CLIENT_SECRET = "CANARY-client-cert-client-secret-END";

  @TempDir Path runnerTemp;
  @TempDir Path work;

  private TestClientCertificate certificate;
  private FakeEntraId entra;
  private FakeKeyVault vault;
  private MtlsServer server;
  private final List<Jar.Result> results = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    certificate = TestClientCertificate.create(work, "nkv-test-client");
    entra =
        new FakeEntraId(TENANT).registerClientId(CLIENT).acceptClientSecret(CLIENT, CLIENT_SECRET);
    vault = new FakeKeyVault(entra);
    vault.put("kv1", "api-client", certificate.pkcs12Base64());
    vault.contentType("kv1", "api-client", "application/x-pkcs12");
    vault.put("kv1", "not-a-certificate", "CANARY-not-a-certificate-END");
    server = new MtlsServer(certificate);
  }

  @AfterEach
  void stop() throws Exception {
    for (Jar.Result result : results) {
      assertNoKeyMaterial(result.toString(), result.output());
    }
    assertThat(Cli.entriesUnder(runnerTemp)).isEmpty();
    server.close();
    vault.close();
    entra.close();
  }

  private void assertNoKeyMaterial(String what, String text) {
    assertThat(text).as(what).doesNotContain(CLIENT_SECRET).doesNotContain("PRIVATE KEY");
    for (String form : certificate.keyForms()) {
      assertThat(text).as(what).doesNotContain(form);
    }
  }

  private Path collection() throws Exception {
    return Files.writeString(
        work.resolve("mtls.json"),
        """
        {"info":{"name":"mtls","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
         "item":[
          {"name":"one","request":{"method":"GET","url":"%1$s/one"},
           "event":[{"listen":"test","script":{"exec":["pm.test('mutual TLS', () => pm.response.to.have.status(200));"]}}]},
          {"name":"two","request":{"method":"GET","url":"%1$s/two"}}]}
        """
            .formatted(server.baseUrl()));
  }

  private Jar.Result run(List<String> tool, String... newmanArgs) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-c",
                collection().toString(),
                "--auth",
                "environment",
                "--ca-file",
                TestTls.caPem(work).toString(),
                "--newman",
                Jar.newman().toString()));
    args.addAll(vault.toolOptions("kv1"));
    args.addAll(tool);
    if (newmanArgs.length > 0) {
      args.add("--");
      args.addAll(List.of(newmanArgs));
    }
    Jar.Result result =
        Jar.start(
                runnerTemp,
                List.of("-Djdk.net.hosts.file=" + TestTls.hostsFile()),
                Map.of(
                    "AZURE_TENANT_ID", TENANT,
                    "AZURE_CLIENT_ID", CLIENT,
                    "AZURE_CLIENT_SECRET", CLIENT_SECRET),
                args.toArray(String[]::new))
            .await(Jar.TIMEOUT);
    results.add(result);
    return result;
  }

  private String hostPattern() {
    return "localhost:" + server.port();
  }

  @Test
  void aKeyVaultCertificateIsSentToTheMatchingHostOnEveryRequestAndLeavesNoTrace()
      throws Exception {
    Path reports = work.resolve("reports");
    Jar.Result result =
        run(
            List.of(
                "--client-cert",
                hostPattern() + "=akv://kv1/api-client",
                "--reports-dir",
                reports.toString()),
            "--reporters",
            "cli,json,junit");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(server.subjects()).containsExactly(certificate.subject(), certificate.subject());
    List<Path> files;
    try (Stream<Path> walk = Files.walk(reports)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).hasSize(2);
    for (Path file : files) {
      assertNoKeyMaterial(file.toString(), Files.readString(file));
      if (file.toString().endsWith(".json")) {
        JsonNode report = new ObjectMapper().readTree(file.toFile());
        assertThat(report.path("run").path("stats").path("requests").path("failed").asInt())
            .isZero();
        // The runtime keeps the key it read on the request: the report names the file only (no
        // value, which would be a byte array no text search finds).
        List<JsonNode> certificates = report.findValues("certificate");
        assertThat(certificates).isNotEmpty();
        for (JsonNode used : certificates) {
          assertThat(used.path("key").has("value")).isFalse();
          assertThat(used.path("cert").has("value")).isFalse();
          assertThat(used.path("key").path("src").asText()).endsWith(".key.pem");
        }
      }
    }
  }

  @Test
  void withoutTheCertificateTheServerRefusesTheHandshake() throws Exception {
    Jar.Result result = run(List.of());
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(server.subjects()).isEmpty();
  }

  @Test
  void aPemCertificateFromTheSecretsFileAndTheDryRunShowsSubjectAndExpiry() throws Exception {
    Path secrets =
        Files.writeString(
            work.resolve("certs.secrets"),
            "api-client=\"" + certificate.pem().replace("\n", "\\n") + "\"\n");
    List<String> options =
        List.of(
            "--client-cert",
            hostPattern() + "=akv://any-vault/api-client",
            "--secrets-file",
            secrets.toString());

    Jar.Result plan = run(withDryRun(options, "text"));
    assertThat(plan.exitCode()).as(plan.toString()).isZero();
    assertThat(plan.stdout())
        .contains(hostPattern())
        .contains("--client-cert")
        .contains(
            "ok (CN=nkv-test-client, expires "
                + certificate.certificate().getNotAfter().toInstant());
    Jar.Result json = run(withDryRun(options, "json"));
    JsonNode row = new ObjectMapper().readTree(json.stdout()).path("variables").get(0);
    assertThat(row.path("origin").asText()).isEqualTo("--client-cert");
    assertThat(row.path("subject").asText()).isEqualTo("CN=nkv-test-client");
    assertThat(row.path("certificateExpires").asText()).isNotEmpty();
    assertThat(server.subjects()).isEmpty();

    Jar.Result result = run(options);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(server.subjects()).containsExactly(certificate.subject(), certificate.subject());
  }

  private static List<String> withDryRun(List<String> options, String format) {
    List<String> all = new ArrayList<>(options);
    all.addAll(List.of("--dry-run", "--output", format));
    return all;
  }

  @Test
  void aSecretThatIsNoCertificateIsExitFourAndNothingIsSent() throws Exception {
    Jar.Result result =
        run(List.of("--client-cert", hostPattern() + "=akv://kv1/not-a-certificate"));
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
    assertThat(result.stderr())
        .contains(
            "error: secret 'not-a-certificate' (vault kv1.vault.localhost:"
                + vault.port()
                + ", --client-cert "
                + hostPattern()
                + "): is not a usable client certificate: ")
        .doesNotContain("CANARY-not-a-certificate");
    assertThat(server.subjects()).isEmpty();
  }

  @Test
  void malformedOrDoubledOptionsAreUsageErrors() throws Exception {
    Jar.Result noEquals = run(List.of("--client-cert", hostPattern()));
    assertThat(noEquals.exitCode()).isEqualTo(2);
    assertThat(noEquals.stderr()).contains("--client-cert expects HOST_PATTERN=REFERENCE");

    Jar.Result both =
        run(
            List.of("--client-cert", hostPattern() + "=akv://kv1/api-client"),
            "--ssl-client-cert-list",
            work.resolve("mine.json").toString());
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.stderr()).contains("give client certificates with one or the other");
    assertThat(server.subjects()).isEmpty();
  }
}
