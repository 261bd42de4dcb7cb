package io.newmankeyvault.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.newmankeyvault.testing.ProjectDocs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every command line of the tool that the README, docs/, workflows-examples/ and each command's
 * {@code --help} show is parsed by the tool's own picocli model: an option renamed or removed
 * breaks the build, not a user's first paste. (Blocks marked runnable are also run: {@code
 * DocsRunnableIT}.)
 */
class DocExamplesTest {
  private static final Path PROJECT = Path.of(System.getProperty("nkv.projectDir", "."));

  @Test
  void everyCommandLineInTheDocsParses() throws IOException {
    List<Example> examples = new ArrayList<>();
    for (Path file : ProjectDocs.markdown(PROJECT)) {
      examples.addAll(DocExamples.commandLines(file.toString(), Files.readString(file)));
    }

    assertThat(examples).as("command lines found in the docs").hasSizeGreaterThanOrEqualTo(8);
    assertThat(examples)
        .as("at least one of each command")
        .extracting(example -> example.args().get(0))
        .contains("run", "audit", "fetch");
    for (Example example : examples) {
      assertParses(example);
    }
  }

  @Test
  void everyExampleInHelpParses() {
    int found = 0;
    for (String command : List.of("run", "audit", "fetch")) {
      String help = DocExamples.commandLine().getSubcommands().get(command).getUsageMessage();
      String examples = help.substring(help.indexOf("Examples:"));
      assertThat(examples).as("%s --help's examples", command).doesNotContain("\\\\");
      for (Example example : DocExamples.commandLines(command + " --help", examples)) {
        assertParses(example);
        found++;
      }
    }
    assertThat(found).as("examples in --help").isGreaterThanOrEqualTo(3);
  }

  private static void assertParses(Example example) {
    assertThatCode(() -> DocExamples.commandLine().parseArgs(example.args().toArray(String[]::new)))
        .as("%s: %s", example.where(), String.join(" ", example.args()))
        .doesNotThrowAnyException();
  }

  /** One command line: where it was found and the tool's arguments (subcommand first). */
  record Example(String where, List<String> args) {}
}
