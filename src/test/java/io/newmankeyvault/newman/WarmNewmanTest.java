package io.newmankeyvault.newman;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which command lines get a warm Newman, and which installations count as a plain Newman. */
class WarmNewmanTest {
  private static final Path PROJECT = Path.of(System.getProperty("nkv.projectDir", "."));

  @TempDir Path dir;

  @Test
  void onlyARunThatStartsNewmanGetsOne() {
    Map<String, String> env = Map.of();
    assertThat(WarmNewman.newmanCommand(new String[] {"run", "-c", "x.json"}, env))
        .containsExactly("newman");
    assertThat(WarmNewman.newmanCommand(new String[] {"run", "--newman", "/opt/n", "-c", "x"}, env))
        .containsExactly("/opt/n");
    assertThat(WarmNewman.newmanCommand(new String[] {"run", "--newman=/opt/n"}, env))
        .containsExactly("/opt/n");
    assertThat(WarmNewman.newmanCommand(new String[] {"run"}, Map.of("NKV_NEWMAN", "/opt/m")))
        .containsExactly("/opt/m");
    // After '--' the options are Newman's own.
    assertThat(WarmNewman.newmanCommand(new String[] {"run", "--", "--newman", "/x", "-h"}, env))
        .containsExactly("newman");

    for (String[] args :
        List.of(
            new String[] {},
            new String[] {"audit", "-c", "x"},
            new String[] {"--help"},
            new String[] {"run", "--dry-run"},
            new String[] {"run", "--dry-run=true"},
            new String[] {"run", "-h"},
            new String[] {"run", "--version"},
            new String[] {"run", "--newman", "npx newman"},
            // Runs the Postman CLI will run: no Newman to warm.
            new String[] {"run", "--runner", "postman-cli", "-c", "x.json"},
            new String[] {"run", "--runner=POSTMAN-CLI", "-c", "x.json"},
            new String[] {"run", "-c", "postman/collections/api/.resources/definition.yaml"},
            new String[] {"run", "--collection=" + dir})) {
      assertThat(WarmNewman.newmanCommand(args, env)).as(String.join(" ", args)).isNull();
    }
    assertThat(WarmNewman.newmanCommand(new String[] {"run"}, Map.of("NKV_RUNNER", "postman-cli")))
        .isNull();
    assertThat(
            WarmNewman.newmanCommand(
                new String[] {"run"}, Map.of("NKV_COLLECTION", dir.toString())))
        .isNull();
    // NKV_DRY_RUN is --dry-run's default, read as picocli reads a boolean.
    for (String dryRun : List.of("true", "TRUE", " true ")) {
      assertThat(WarmNewman.newmanCommand(new String[] {"run"}, Map.of("NKV_DRY_RUN", dryRun)))
          .as(dryRun)
          .isNull();
    }
    assertThat(WarmNewman.newmanCommand(new String[] {"run"}, Map.of("NKV_DRY_RUN", "false")))
        .containsExactly("newman");
    // Each option in both its forms; --newman-env is not --newman.
    assertThat(
            WarmNewman.newmanCommand(
                new String[] {"run", "--newman-env=A", "--runner=newman", "--collection=x.yaml"},
                env))
        .containsExactly("newman");
    assertThat(
            WarmNewman.newmanCommand(new String[] {"run", "--runner", "auto", "-c", "a.yml"}, env))
        .isNull();
    assertThat(WarmNewman.newmanCommand(new String[] {"run", "--collection", "a.YAML"}, env))
        .isNull();
    // Newman asked for, a folder: the run refuses it, and a warm Newman is only discarded.
    assertThat(WarmNewman.newmanCommand(new String[] {"run", "--runner", "newman", "-c", "x"}, env))
        .containsExactly("newman");
  }

  @Test
  void theNamesPassedOnToNewmanAreGuessedAsTheOptionsGiveThem() {
    assertThat(
            WarmNewman.newmanEnvironmentNames(
                new String[] {
                  "run", "--newman-env", "A", "--newman-env=B", "--", "--newman-env", "C"
                },
                Map.of("NKV_NEWMAN_ENV", "D")))
        .containsExactly("A", "B");
    assertThat(
            WarmNewman.newmanEnvironmentNames(
                new String[] {"run"}, Map.of("NKV_NEWMAN_ENV", "D\n\n E \n")))
        .containsExactly("D", "E");
  }

  @Test
  void aPlainNewmanInstallationIsFoundThroughItsSymlinkOrThePath() throws IOException {
    Path bin = PROJECT.resolve("node_modules/.bin/newman");
    Path script = PROJECT.resolve("node_modules/newman/bin/newman.js").toRealPath();
    assertThat(WarmNewman.NewmanScript.resolve(bin.toString(), Map.of())).isEqualTo(script);
    assertThat(
            WarmNewman.NewmanScript.resolve(
                "newman", Map.of("PATH", dir + ":" + bin.getParent().toAbsolutePath())))
        .isEqualTo(script);
  }

  @Test
  void wrappersAndLookAlikesAreNotNewman() throws IOException {
    Path wrapper = Files.writeString(dir.resolve("newman"), "#!/bin/sh\nexec newman \"$@\"\n");
    assertThat(wrapper.toFile().setExecutable(true)).isTrue();
    assertThat(WarmNewman.NewmanScript.resolve(wrapper.toString(), Map.of())).isNull();
    assertThat(WarmNewman.NewmanScript.resolve("newman", Map.of("PATH", dir.toString()))).isNull();

    Path fake = Files.createDirectories(dir.resolve("fake/bin")).resolve("newman.js");
    Files.writeString(fake, "// not Newman: no package.json or index.js beside bin/\n");
    assertThat(WarmNewman.NewmanScript.resolve(fake.toString(), Map.of())).isNull();
    assertThat(WarmNewman.NewmanScript.resolve("no-such-newman", Map.of("PATH", dir.toString())))
        .isNull();
  }
}
