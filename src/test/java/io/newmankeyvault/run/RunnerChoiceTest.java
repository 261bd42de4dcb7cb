package io.newmankeyvault.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.postman.PostmanRef;
import io.newmankeyvault.run.RunnerChoice.Kind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunnerChoiceTest {
  private static final Path PROJECT = Path.of(System.getProperty("nkv.projectDir", "."));
  private static final PostmanRef V3 =
      PostmanRef.parse(
          PROJECT.resolve("test-fixtures/v3/demo/postman/collections/demo").toString());
  private static final PostmanRef JSON =
      PostmanRef.parse(PROJECT.resolve("test-fixtures/demo/collection.json").toString());
  private static final PostmanRef REMOTE =
      PostmanRef.parse("12345-6789abcd-0000-4000-8000-000000000001");

  @Test
  void autoRunsV3FoldersWithThePostmanCliAndTheRestWithNewman() {
    assertThat(RunnerChoice.DEFAULT.kindFor(V3)).isEqualTo(Kind.POSTMAN_CLI);
    assertThat(RunnerChoice.DEFAULT.kindFor(JSON)).isEqualTo(Kind.NEWMAN);
    assertThat(RunnerChoice.DEFAULT.kindFor(REMOTE)).isEqualTo(Kind.NEWMAN);
  }

  @Test
  void thePostmanCliRunsV2WhenAsked() {
    RunnerChoice cli = new RunnerChoice(Kind.parse("postman-cli"), List.of("postman"));
    assertThat(cli.kindFor(JSON)).isEqualTo(Kind.POSTMAN_CLI);
    assertThat(cli.kindFor(V3)).isEqualTo(Kind.POSTMAN_CLI);
  }

  @Test
  void newmanCannotRunAV3Folder() {
    RunnerChoice newman = new RunnerChoice(Kind.NEWMAN, List.of("postman"));
    assertThatThrownBy(() -> newman.kindFor(V3))
        .isInstanceOf(UserFacingException.class)
        .hasMessageEndingWith(
            "is a Postman v3 collection folder, which only the Postman CLI runs (--runner"
                + " postman-cli, or auto)");
  }

  @Test
  void runnerNamesAreTheThree() {
    assertThat(Kind.parse(" Newman ")).isEqualTo(Kind.NEWMAN);
    assertThatThrownBy(() -> Kind.parse("cli"))
        .hasMessageStartingWith("--runner takes auto, newman or postman-cli");
    assertThatThrownBy(() -> new RunnerChoice(Kind.AUTO, List.of(" ")))
        .hasMessageStartingWith("--postman-cli is empty");
  }
}
