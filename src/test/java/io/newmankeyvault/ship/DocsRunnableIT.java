package io.newmankeyvault.ship;

import static org.assertj.core.api.Assertions.assertThat;

import io.newmankeyvault.testing.ProjectDocs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs every fenced shell block of README.md, docs/ and workflows-examples/ that the line before
 * marks {@code <!-- runnable -->}, with bash in the repository root, as a reader would paste it
 * (after the build: the jar and the pinned Newman are there). Each must exit 0. The other command
 * lines are parsed by {@code DocExamplesTest}.
 */
class DocsRunnableIT {
  private static final String MARK = "<!-- runnable -->";

  /** Variables that would make the tool talk to a CI system the test is not. */
  private static final List<String> CI_VARIABLES =
      List.of(
          "CI",
          "GITHUB_ACTIONS",
          "GITHUB_OUTPUT",
          "GITHUB_STEP_SUMMARY",
          "GITHUB_ENV",
          "TF_BUILD",
          "NKV_ACTION");

  @Test
  void everyRunnableBlockRuns() throws Exception {
    List<Block> blocks = new ArrayList<>();
    for (Path file : ProjectDocs.markdown(Repo.dir())) {
      blocks.addAll(runnableBlocks(Repo.dir().relativize(file).toString(), Files.readString(file)));
    }
    assertThat(blocks)
        .as("runnable blocks")
        .extracting(Block::where)
        .anyMatch(where -> where.startsWith("README.md"))
        .anyMatch(where -> where.startsWith("docs/"))
        .hasSizeGreaterThanOrEqualTo(3);

    for (Block block : blocks) {
      ProcessBuilder builder =
          new ProcessBuilder("bash", "-euo", "pipefail", "-c", block.script())
              .directory(Repo.dir().toFile())
              .redirectErrorStream(true);
      Map<String, String> environment = builder.environment();
      CI_VARIABLES.forEach(environment::remove);
      Path log = Files.createTempFile("nkv-doc-block", ".log");
      builder.redirectOutput(log.toFile());
      Process process = builder.start();
      boolean ended = process.waitFor(180, TimeUnit.SECONDS);
      if (!ended) {
        process.destroyForcibly();
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      Files.delete(log);
      assertThat(ended).as("%s ended within 180 s:%n%s", block.where(), output).isTrue();
      assertThat(process.exitValue())
          .as("%s:%n%s%n%s", block.where(), block.script(), output)
          .isZero();
      assertThat(output).as(block.where()).isNotBlank();
    }
  }

  /** The fenced blocks right after a runnable mark. */
  static List<Block> runnableBlocks(String where, String markdown) {
    List<Block> blocks = new ArrayList<>();
    List<String> lines = markdown.lines().toList();
    for (int i = 0; i + 1 < lines.size(); i++) {
      if (lines.get(i).strip().equals(MARK) && lines.get(i + 1).startsWith("```sh")) {
        StringBuilder script = new StringBuilder();
        int j = i + 2;
        while (!lines.get(j).startsWith("```")) {
          script.append(lines.get(j)).append('\n');
          j++;
        }
        blocks.add(new Block(where + ":" + (i + 2), script.toString()));
      }
    }
    return blocks;
  }

  record Block(String where, String script) {}
}
