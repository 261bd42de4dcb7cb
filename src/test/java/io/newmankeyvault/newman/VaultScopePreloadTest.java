package io.newmankeyvault.newman;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preload against a stand-in postman-runtime: it passes the vault scope to {@code Runner.run},
 * and with a runtime that has no vault scope (older than 7.39) it refuses to run {@code {{vault:}}}
 * secrets rather than send them without their domains.
 */
class VaultScopePreloadTest {
  private static final Path PRELOAD =
      Path.of("src/main/resources/io/newmankeyvault/newman/vault-scope.js").toAbsolutePath();

  @TempDir Path dir;

  /** A postman-runtime whose Runner.run prints the vaultSecrets option it was given. */
  private Path fakeRuntime(boolean withVaultScope) throws IOException {
    Path runner = Files.createDirectories(dir.resolve("node_modules/postman-runtime/lib/runner"));
    Files.writeString(
        dir.resolve("node_modules/postman-runtime/index.js"),
        "module.exports = { Runner: require('./lib/runner') };\n");
    Files.writeString(
        runner.resolve("index.js"),
        "class Runner { run (collection, options, callback) {"
            + " console.log(JSON.stringify(options.vaultSecrets || null)); callback(null, null); } }\n"
            + "module.exports = Runner;\n");
    Files.writeString(
        runner.resolve("util.js"),
        withVaultScope
            ? "module.exports = { prepareVaultVariableScope () {} };\n"
            : "module.exports = {};\n");
    Path newman = dir.resolve("fake-newman.js");
    Files.writeString(
        newman,
        "const runtime = require('postman-runtime');"
            + " new runtime.Runner().run({}, { environment: {} }, () => {});\n");
    return newman;
  }

  private Process run(Path newman) throws IOException {
    Path scope =
        Files.writeString(
            dir.resolve("vault.json"),
            "{\"values\":[{\"key\":\"vault:a\",\"value\":\"s3cret\",\"type\":\"secret\"}]}");
    ProcessBuilder builder =
        new ProcessBuilder("node", "--require", PRELOAD.toString(), newman.toString())
            .directory(dir.toFile());
    builder.environment().put("NKV_VAULT_PIPE", scope.toString());
    builder.environment().remove("NODE_OPTIONS");
    return builder.start();
  }

  @Test
  void givesTheRunnerTheVaultScope() throws Exception {
    Process node = run(fakeRuntime(true));
    String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(node.exitValue()).isZero();
    assertThat(out.strip())
        .isEqualTo("{\"values\":[{\"key\":\"vault:a\",\"value\":\"s3cret\",\"type\":\"secret\"}]}");
  }

  @Test
  void refusesARuntimeWithoutAVaultScope() throws Exception {
    Process node = run(fakeRuntime(false));
    String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(node.exitValue()).isEqualTo(5);
    assertThat(out).as("the runner never ran").isEmpty();
    assertThat(err)
        .contains("this Newman's postman-runtime has no vault scope")
        .doesNotContain("s3cret");
  }
}
