package io.newmankeyvault.ship;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * action.yml against the README's inputs/outputs tables and the tool's environment variables; no
 * input spliced into a shell line; no USER in the Dockerfile.
 */
class ActionMetadataTest {
  /**
   * Input name to the environment variable the tool reads it from (the README's options table,
   * RunCommand).
   */
  private static final Map<String, String> INPUT_VARIABLES = new LinkedHashMap<>();

  static {
    INPUT_VARIABLES.put("collection", "NKV_COLLECTION");
    INPUT_VARIABLES.put("environment", "NKV_ENVIRONMENT");
    INPUT_VARIABLES.put("globals", "NKV_GLOBALS");
    INPUT_VARIABLES.put("key-vault", "NKV_KEY_VAULT");
    INPUT_VARIABLES.put("key-vault-suffix", "NKV_KEY_VAULT_SUFFIX");
    INPUT_VARIABLES.put("client-id", "AZURE_CLIENT_ID");
    INPUT_VARIABLES.put("tenant-id", "AZURE_TENANT_ID");
    INPUT_VARIABLES.put("postman-api-key", "POSTMAN_API_KEY");
    INPUT_VARIABLES.put("secrets", "NKV_SECRETS");
    INPUT_VARIABLES.put("map", "NKV_MAP");
    INPUT_VARIABLES.put("allowed-domains", "NKV_ALLOWED_DOMAINS");
    INPUT_VARIABLES.put("require-allowed-domains", "NKV_REQUIRE_ALLOWED_DOMAINS");
    INPUT_VARIABLES.put("script-access", "NKV_SCRIPT_ACCESS");
    INPUT_VARIABLES.put("newman-env", "NKV_NEWMAN_ENV");
    INPUT_VARIABLES.put("runner", "NKV_RUNNER");
    INPUT_VARIABLES.put("ca-file", "NKV_CA_FILE");
    INPUT_VARIABLES.put("client-certs", "NKV_CLIENT_CERTS");
    INPUT_VARIABLES.put("shard", "NKV_SHARD");
    INPUT_VARIABLES.put("reports-dir", "NKV_REPORTS_DIR");
    INPUT_VARIABLES.put("newman-args", "NKV_NEWMAN_ARGS");
    INPUT_VARIABLES.put("dry-run", "NKV_DRY_RUN");
    INPUT_VARIABLES.put("auth", "NKV_AUTH");
  }

  private static final List<String> OUTPUTS =
      List.of("exit-code", "reports-dir", "requests", "assertions", "failures");

  private static final Pattern INPUT_EXPRESSION =
      Pattern.compile("\\$\\{\\{\\s*inputs\\.([A-Za-z0-9_-]+)\\s*}}");

  private final ActionYaml action = ActionYaml.parse(Repo.read("action.yml"));

  @Test
  void actionIsADockerActionBuiltFromTheDockerfileWithTheEntrypointScript() {
    assertThat(action.runs)
        .containsEntry("using", "docker")
        .containsEntry("image", "Dockerfile")
        .containsEntry("entrypoint", "/opt/newman-keyvault/entrypoint.sh");
  }

  @Test
  void inputsAreTheIssuesKebabCaseInputsWithWholeSentenceDescriptions() {
    assertThat(action.inputs.keySet()).containsExactlyElementsOf(INPUT_VARIABLES.keySet());
    action.inputs.values().forEach(ActionMetadataTest::assertWholeSentence);
    assertThat(action.inputs.get("collection").get("required")).isEqualTo("true");
    action.inputs.values().stream()
        .filter(input -> !input.name().equals("collection"))
        .forEach(
            input -> {
              assertThat(input.get("required")).as(input.name()).isEqualTo("false");
              assertThat(input.properties()).as(input.name()).containsKey("default");
            });
  }

  @Test
  void everyOutputIsDeclared() {
    assertThat(action.outputs.keySet()).containsExactlyElementsOf(OUTPUTS);
    action.outputs.values().forEach(ActionMetadataTest::assertWholeSentence);
  }

  @Test
  void everyInputReachesTheToolAsItsEnvironmentVariable() {
    Map<String, String> expected = new LinkedHashMap<>();
    // The marker that makes the tool's errors name the inputs (cli.UserWords).
    expected.put("NKV_ACTION", "true");
    INPUT_VARIABLES.forEach(
        (input, variable) -> expected.put(variable, "${{ inputs." + input + " }}"));
    assertThat(action.runsEnv).containsExactlyEntriesOf(expected);
  }

  @Test
  void noInputIsSplicedIntoAShellLine() throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(Repo.path("action.yml"));
    for (String dir : List.of(".github/workflows", "workflows-examples")) {
      try (Stream<Path> list = Files.list(Repo.path(dir))) {
        list.filter(p -> p.toString().endsWith(".yml")).forEach(files::add);
      }
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(4);
    for (Path file : files) {
      for (String script : ActionYaml.runScripts(Files.readString(file))) {
        assertThat(script)
            .as("a run: script in %s pastes an input into the shell", file.getFileName())
            .doesNotContainPattern(INPUT_EXPRESSION)
            .doesNotContain("${{ github.event");
      }
    }
    // The check itself sees run: scripts (ci.yml has several).
    assertThat(ActionYaml.runScripts(Repo.read(".github/workflows/ci.yml"))).isNotEmpty();
    assertThat(
            ActionYaml.runScripts("steps:\n  - run: |\n      echo ${{ inputs.x }}\n  - uses: y\n"))
        .singleElement()
        .satisfies(script -> assertThat(script).containsPattern(INPUT_EXPRESSION));
  }

  @Test
  void readmeInputsTableMatchesActionYml() {
    List<List<String>> rows = readmeTable("| Input | Required | Default | Description |");
    assertThat(rows.stream().map(row -> row.get(0)).toList())
        .containsExactlyElementsOf(
            action.inputs.keySet().stream().map(n -> "`" + n + "`").toList());
    for (List<String> row : rows) {
      ActionYaml.Entry input = action.inputs.get(row.get(0).replace("`", ""));
      assertThat(row.get(1))
          .as("required, %s", input.name())
          .isEqualTo("true".equals(input.get("required")) ? "yes" : "no");
      String defaultValue = input.get("default") == null ? "" : input.get("default");
      assertThat(row.get(2).replace("`", ""))
          .as("default, %s", input.name())
          .isEqualTo(defaultValue);
      assertThat(row.get(3))
          .as("description, %s", input.name())
          .isEqualTo(input.get("description"));
    }
  }

  @Test
  void readmeOutputsTableMatchesActionYml() {
    List<List<String>> rows = readmeTable("| Output | Description |");
    assertThat(rows.stream().map(row -> row.get(0)).toList())
        .containsExactlyElementsOf(
            action.outputs.keySet().stream().map(n -> "`" + n + "`").toList());
    for (List<String> row : rows) {
      ActionYaml.Entry output = action.outputs.get(row.get(0).replace("`", ""));
      assertThat(row.get(1))
          .as("description, %s", output.name())
          .isEqualTo(output.get("description"));
    }
  }

  @Test
  void dockerfileHasNoUser() {
    // GitHub runs container actions as root; Azure Pipelines container jobs need root too.
    assertThat(Repo.read("Dockerfile").lines())
        .noneMatch(line -> line.strip().toUpperCase(java.util.Locale.ROOT).startsWith("USER"));
  }

  @Test
  void readmeKeepsItsFirstTwoCommandsAtTheTop() {
    String readme = Repo.read("README.md");
    int firstSection = readme.indexOf("\n## ");
    assertThat(readme.substring(0, firstSection)).contains("./demo.sh ").contains("./mvnw verify ");
    assertThat(readme)
        .contains(
            "\n## GitHub Action\n",
            "\n## Azure Pipelines\n",
            "\n## Docker\n",
            "](docs/testing.md)");
    // The README is the user guide; the rest is linked from it.
    assertThat(readme.lines().count()).isLessThanOrEqualTo(300);
    assertThat(Repo.read("docs/testing.md"))
        .startsWith("# Testing: what is proven here, and what is not\n");
  }

  private static void assertWholeSentence(ActionYaml.Entry entry) {
    assertThat(entry.get("description"))
        .as("description of %s", entry.name())
        .isNotBlank()
        .matches("[A-Z].*\\.");
  }

  /** The rows of the README table under HEADER, as cells (pipes escaped as \| kept inside). */
  private static List<List<String>> readmeTable(String header) {
    List<String> lines = Repo.read("README.md").lines().toList();
    int start = lines.indexOf(header);
    assertThat(start).as("README table %s", header).isNotNegative();
    assertThat(lines.subList(start + 1, lines.size()).indexOf(header))
        .as("a second table " + header)
        .isNegative();
    List<List<String>> rows = new ArrayList<>();
    for (String line : lines.subList(start + 2, lines.size())) {
      if (!line.startsWith("|")) {
        break;
      }
      List<String> cells = new ArrayList<>();
      Matcher cell = Pattern.compile("\\|((?:\\\\\\||[^|])*)").matcher(line);
      while (cell.find()) {
        cells.add(cell.group(1).strip().replace("\\|", "|"));
      }
      cells.remove(cells.size() - 1); // after the closing pipe
      rows.add(cells);
    }
    return rows;
  }
}
