package io.newmankeyvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The tables behind the user's words, against the files they come from. */
class UserWordsTest {
  private static Path repo(String path) {
    return Path.of(System.getProperty("nkv.projectDir", "."), path);
  }

  @Test
  void theActionInputsAreActionYmlsRunsEnv() throws IOException {
    Map<String, String> inputs = new HashMap<>();
    Matcher line =
        Pattern.compile("(?m)^    ([A-Z_]+): \\$\\{\\{ inputs\\.([a-z-]+) }}$")
            .matcher(Files.readString(repo("action.yml")));
    while (line.find()) {
      inputs.put(line.group(1), line.group(2));
    }
    assertThat(inputs).hasSizeGreaterThan(10);
    assertThat(UserWords.ACTION_INPUTS).isEqualTo(inputs);
    assertThat(Files.readString(repo("action.yml"))).contains("\n    NKV_ACTION: 'true'\n");
  }

  @Test
  void theNewmanRunOptionsAreNewmansOwn() throws IOException {
    Set<String> names = new HashSet<>();
    Matcher option =
        Pattern.compile("\\.option\\('([^', <\\[]+)(?: ?, (--[a-z-]+))?")
            .matcher(Files.readString(repo("node_modules/newman/bin/newman.js")));
    while (option.find()) {
      names.add(option.group(1));
      if (option.group(2) != null) {
        names.add(option.group(2));
      }
    }
    assertThat(names).contains("-r", "--reporters", "--timeout-request", "-x");
    assertThat(NewmanRunOptions.NAMES).isEqualTo(names);
  }

  @Test
  void theActionIsTheActionOnlyWithItsMarker() {
    assertThat(UserWords.where(Map.of("GITHUB_ACTIONS", "true", "NKV_ACTION", "true")))
        .isEqualTo(UserWords.Where.ACTION);
    assertThat(UserWords.where(Map.of("GITHUB_ACTIONS", "true")))
        .isEqualTo(UserWords.Where.COMMAND_LINE);
    assertThat(UserWords.where(Map.of("NKV_ACTION", "true")))
        .isEqualTo(UserWords.Where.COMMAND_LINE);
    assertThat(UserWords.where(Map.of("TF_BUILD", "True")))
        .isEqualTo(UserWords.Where.AZURE_PIPELINES);
  }
}
