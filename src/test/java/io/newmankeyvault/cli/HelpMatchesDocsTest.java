package io.newmankeyvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Each command's options as {@code --help} lists them against the documentation a user reads: the
 * README's options table for {@code run} (names both ways, and each option's environment
 * variables), docs/audit.md for {@code audit}, docs/usage.md for {@code fetch}.
 */
class HelpMatchesDocsTest {
  private static final Path PROJECT = Path.of(System.getProperty("nkv.projectDir", "."));
  private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--?[A-Za-z][A-Za-z0-9-]*)");

  @Test
  void theReadmeOptionsTableListsExactlyWhatRunHelpLists() throws IOException {
    Map<String, String> rows = readmeOptionRows();

    assertThat(new TreeSet<>(rows.keySet())).isEqualTo(optionNames("run"));
  }

  @Test
  void theReadmeNamesTheVariablesEachOptionDefaultsFrom() throws IOException {
    Map<String, String> rows = readmeOptionRows();
    EnvironmentDefaults.VARIABLES.forEach(
        (option, variables) ->
            assertThat(rows.get(option))
                .as("README row of %s", option)
                .isNotNull()
                .contains(variables.stream().map(v -> "`" + v + "`").toList()));
  }

  @Test
  void docsNameEveryOptionOfAuditAndFetch() throws IOException {
    String audit = Files.readString(PROJECT.resolve("docs/audit.md"));
    assertThat(optionNames("audit"))
        .as("audit's options that docs/audit.md does not name")
        .allMatch(name -> mention(name).matcher(audit).find());
    String usage = Files.readString(PROJECT.resolve("docs/usage.md"));
    assertThat(optionNames("fetch"))
        .as("fetch's options that docs/usage.md does not name")
        .allMatch(name -> mention(name).matcher(usage).find());
  }

  private static Pattern mention(String name) {
    return Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])");
  }

  /** The names of a command's options as its help lists them (help and version aside). */
  private static Set<String> optionNames(String command) {
    CommandLine commandLine = DocExamples.commandLine();
    Set<String> names = new TreeSet<>();
    for (OptionSpec option : commandLine.getSubcommands().get(command).getCommandSpec().options()) {
      if (!option.hidden() && !option.usageHelp() && !option.versionHelp()) {
        names.addAll(List.of(option.names()));
      }
    }
    return names;
  }

  /** Option name to its row of the README's options table (both names of a short option). */
  private static Map<String, String> readmeOptionRows() throws IOException {
    List<String> lines = Files.readAllLines(PROJECT.resolve("README.md"));
    int start = lines.indexOf("| Option | Default from | Meaning |");
    assertThat(start).as("the README's options table").isNotNegative();
    Map<String, String> rows = new java.util.HashMap<>();
    List<String> table = new ArrayList<>();
    for (String line : lines.subList(start + 2, lines.size())) {
      if (!line.startsWith("|")) {
        break;
      }
      table.add(line);
    }
    for (String row : table) {
      String first = row.substring(1, row.indexOf(" | ", 1));
      if (!first.strip().startsWith("`-") || first.strip().startsWith("`-- ")) {
        continue; // HTTPS_PROXY and the like, and "-- ..."
      }
      Matcher matcher = OPTION.matcher(first);
      while (matcher.find()) {
        rows.put(matcher.group(1), row);
      }
    }
    return rows;
  }
}
