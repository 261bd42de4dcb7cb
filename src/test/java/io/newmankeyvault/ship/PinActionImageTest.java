package io.newmankeyvault.ship;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * .ci/pin-action-image, which the release workflow runs to point action.yml at the published image:
 * one line changes, and nothing it cannot vouch for is written.
 */
class PinActionImageTest {
  private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);
  private static final String REF = "ghcr.io/your-org/newman-keyvault:1.2.3@" + DIGEST;

  @TempDir Path temp;

  private record Result(int exitCode, String output) {}

  private Result pin(String ref, Path file) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                "bash", Repo.path(".ci/pin-action-image").toString(), ref, file.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.waitFor(), output);
  }

  private Path copyOfActionYml() throws IOException {
    return Files.writeString(temp.resolve("action.yml"), Repo.read("action.yml"));
  }

  @Test
  void pointsTheActionAtTheImageAndChangesNothingElse() throws Exception {
    Path file = copyOfActionYml();
    List<String> before = Files.readAllLines(file);

    Result result = pin(REF, file);

    assertThat(result.exitCode()).as(result.output()).isZero();
    ActionYaml pinned = ActionYaml.parse(Files.readString(file));
    assertThat(pinned.runs.get("image")).isEqualTo("docker://" + REF);
    assertThat(pinned.runs.get("entrypoint"))
        .isEqualTo(ActionYaml.parse(Repo.read("action.yml")).runs.get("entrypoint"));
    List<String> after = Files.readAllLines(file);
    assertThat(after).hasSameSizeAs(before);
    int changed = 0;
    for (int i = 0; i < before.size(); i++) {
      if (!before.get(i).equals(after.get(i))) {
        changed++;
        assertThat(before.get(i)).isEqualTo("  image: 'Dockerfile'");
      }
    }
    assertThat(changed).isEqualTo(1);
  }

  @Test
  void mainStillBuildsFromTheDockerfile() {
    // The release commit lives on the tag only: `uses: ./` on main must test the sources.
    assertThat(ActionYaml.parse(Repo.read("action.yml")).runs.get("image")).isEqualTo("Dockerfile");
  }

  @Test
  void refusesAnActionYmlThatIsAlreadyPinned() throws Exception {
    Path file = copyOfActionYml();
    assertThat(pin(REF, file).exitCode()).isZero();
    String once = Files.readString(file);

    Result again = pin(REF.replace("1.2.3", "1.2.4"), file);

    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.output()).contains("exactly one line").doesNotContain("\n\n");
    assertThat(Files.readString(file)).isEqualTo(once);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ghcr.io/your-org/newman-keyvault:1.2.3",
        "ghcr.io/Your-Org/newman-keyvault:1.2.3@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "ghcr.io/your-org/newman-keyvault:v1.2.3@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "ghcr.io/your-org/newman-keyvault:1.2@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "ghcr.io/your-org/newman-keyvault:1.2.3@sha256:0123456789abcdef",
        "docker.io/your-org/newman-keyvault:1.2.3@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "ghcr.io/your-org/newman-keyvault:1.2.3@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'\n  x: 'y",
        "ghcr.io/your-org/newman-keyvault:1.2.3@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef$(id)",
      })
  void refusesAnythingButAnExactVersionAndDigestOnGhcr(String ref) throws Exception {
    Path file = copyOfActionYml();

    Result result = pin(ref, file);

    assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
    assertThat(result.output()).startsWith("pin-action-image: not an image reference");
    assertThat(Files.readString(file)).isEqualTo(Repo.read("action.yml"));
    try (var files = Files.list(temp)) {
      assertThat(files).containsExactly(file);
    }
  }
}
