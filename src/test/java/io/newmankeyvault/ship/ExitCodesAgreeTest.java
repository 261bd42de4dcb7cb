package io.newmankeyvault.ship;

import static org.assertj.core.api.Assertions.assertThat;

import io.newmankeyvault.base.ExitCode;
import io.newmankeyvault.testing.Cli;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One table of exit codes: the constants of {@link ExitCode}, and what the README, action.yml's
 * exit-code output, docker/entrypoint.sh and {@code run --help} tell users.
 */
class ExitCodesAgreeTest {
  private static Set<Integer> constants() throws IllegalAccessException {
    Set<Integer> codes = new TreeSet<>();
    for (Field field : ExitCode.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
        codes.add(field.getInt(null));
      }
    }
    return codes;
  }

  /** The numbers before each "NUMBER word" in a text such as "0 passed, 1 tests failed, ...". */
  private static Set<Integer> listed(String text) {
    Set<Integer> codes = new TreeSet<>();
    Matcher matcher = Pattern.compile("(?<![\\w.])(\\d{1,3}) [A-Za-z]").matcher(text);
    while (matcher.find()) {
      codes.add(Integer.parseInt(matcher.group(1)));
    }
    return codes;
  }

  @Test
  void everyPlaceListsTheSameCodes() throws Exception {
    Set<Integer> codes = constants();
    assertThat(codes).containsExactly(0, 1, 2, 3, 4, 5, 70);

    // The README's table: "| 0 | ... |" rows under "### Exit codes".
    List<String> readme = Repo.read("README.md").lines().toList();
    int start = readme.indexOf("### Exit codes");
    assertThat(start).isNotNegative();
    Set<Integer> inReadme = new TreeSet<>();
    for (String line : readme.subList(start + 1, readme.size())) {
      if (line.startsWith("#")) {
        break;
      }
      Matcher row = Pattern.compile("^\\| (\\d+) \\|").matcher(line);
      if (row.find()) {
        inReadme.add(Integer.parseInt(row.group(1)));
      }
    }
    assertThat(inReadme).as("README").isEqualTo(codes);

    String exitCodeOutput =
        ActionYaml.parse(Repo.read("action.yml")).outputs.get("exit-code").get("description");
    assertThat(listed(exitCodeOutput)).as("action.yml exit-code output").isEqualTo(codes);

    String entrypoint = Repo.read("docker/entrypoint.sh");
    String comment =
        entrypoint.substring(
            entrypoint.indexOf("exits with the tool's code"),
            entrypoint.indexOf("# Arguments given"));
    assertThat(listed(comment.replace("#", ""))).as("docker/entrypoint.sh").isEqualTo(codes);

    Cli.Result help = new Cli().run("run", "--help");
    List<String> lines = help.stdout().lines().toList();
    Set<Integer> inHelp = new TreeSet<>();
    for (String line : lines.subList(lines.indexOf("Exit codes:") + 1, lines.size())) {
      Matcher code = Pattern.compile("^\\s*(\\d+)\\s{2,}").matcher(line);
      if (code.find()) {
        inHelp.add(Integer.parseInt(code.group(1)));
      }
    }
    assertThat(inHelp).as("run --help").isEqualTo(codes);
  }

  @Test
  void theListParserReadsOnlyCodes() {
    assertThat(listed("0 passed, 1 tests failed, 70 internal error, version 2.1 of 3x"))
        .containsExactly(0, 1, 70);
    assertThat(new ArrayList<>(listed("nothing"))).isEmpty();
  }
}
