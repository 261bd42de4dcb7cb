package io.newmankeyvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.newmankeyvault.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * URLs other than the Postman API's that a user gives (a vault, the authority host, a document URL
 * to audit): a credential pasted into one is masked at once and never quoted by an error.
 */
class InputUrlsTest {
  private static final String CANARY = "CANARY-input-url-5e0f-0123456789-END";

  @TempDir Path dir;
  private final Cli cli = new Cli();
  private Path collection;
  private Cli.Result result;

  @BeforeEach
  void files() throws IOException {
    collection =
        Files.writeString(
            dir.resolve("collection.json"),
            "{\"info\":{\"name\":\"t\",\"schema\":"
                + "\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},"
                + "\"item\":[{\"name\":\"r\",\"request\":\"https://example.com/?k={{vault:k}}\"}]}");
    cli.env.put("GITHUB_ACTIONS", "true");
    cli.env.put("RUNNER_TEMP", dir.toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://robot:$K@kv-prod.vault.azure.net",
        "https://kv-prod.vault.azure.net/?sig=$K",
        "https://kv-prod.vault.azure.net#$K",
        "robot:$K@kv-prod.vault.azure.net"
      })
  void aVaultWrittenWithCredentialsIsRefusedWithoutThem(String vault) {
    result =
        cli.run(
            "run",
            "-c",
            collection.toString(),
            "--key-vault",
            vault.replace("$K", CANARY),
            "--dry-run");
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.stderr())
        .contains("is written with a user part, a query or a fragment")
        .contains("kv-prod.vault.azure.net")
        .doesNotContain(CANARY)
        .doesNotContain("robot")
        .doesNotContain("sig=");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://robot:$K@login.microsoftonline.com",
        "https://login.microsoftonline.com/?token=$K",
        "https://login.microsoftonline.com/#$K"
      })
  void anAuthorityHostWithCredentialsIsRefusedWithoutThem(String authority) {
    result =
        cli.run(
            "run",
            "-c",
            collection.toString(),
            "--key-vault",
            "kv-prod",
            "--authority-host",
            authority.replace("$K", CANARY),
            "--dry-run");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr())
        .isEqualTo("error: --authority-host must not carry credentials, a query or a fragment\n");
  }

  @Test
  void auditMasksAndUnderstandsADocumentUrlToo() {
    result =
        cli.run(
            "audit",
            "-c",
            "https://robot:" + CANARY + "@example.com/c.json?apikey=" + CANARY + "x");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stdout().lines())
        .startsWith("::add-mask::robot:" + CANARY)
        .contains("::add-mask::" + CANARY, "::add-mask::" + CANARY + "x");
    assertThat(result.stderr())
        .isEqualTo(
            "error: collection https://example.com is a URL but not a collection of the Postman"
                + " API (.../collections/ID): download it and pass the file, or pass the"
                + " collection's Postman id\n");
  }
}
