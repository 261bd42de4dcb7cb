package io.newmankeyvault.ship;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every action the workflows use is pinned by commit SHA with its version in a comment, as the
 * Dockerfile pins images by digest: a moved tag cannot change what runs.
 */
class WorkflowPinsTest {
  private static final Pattern USES = Pattern.compile("^\\s*(?:-\\s+)?uses:\\s*(\\S+)(.*)$");
  private static final Pattern PINNED =
      Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_./-]+)?@[0-9a-f]{40}");
  private static final Pattern VERSION_COMMENT = Pattern.compile("\\s+# v[0-9]+\\.[0-9]+\\.[0-9]+");

  private static List<Path> workflows() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> list = Files.list(Repo.path(".github/workflows"))) {
      list.filter(p -> p.toString().endsWith(".yml")).sorted().forEach(files::add);
    }
    files.add(Repo.path("workflows-examples/github-workflow.yml"));
    files.add(Repo.path("workflows-examples/github-sharded.yml"));
    return files;
  }

  @Test
  void everyActionIsPinnedByCommitShaWithItsVersionInAComment() throws IOException {
    int checked = 0;
    for (Path file : workflows()) {
      for (String line : Files.readAllLines(file)) {
        Matcher uses = USES.matcher(line);
        if (!uses.matches()) {
          continue;
        }
        String action = uses.group(1);
        if (action.equals("./") || action.startsWith("OWNER/newman-keyvault@")) {
          continue; // this repository's own action: the sources, or the user's chosen release
        }
        assertThat(action).as("%s: %s", file.getFileName(), line.strip()).matches(PINNED);
        assertThat(uses.group(2))
            .as("%s: %s", file.getFileName(), line.strip())
            .matches(VERSION_COMMENT);
        checked++;
      }
    }
    assertThat(checked).as("actions found").isGreaterThanOrEqualTo(10);
  }

  @Test
  void theCheckFindsAnUnpinnedAction() {
    Matcher uses = USES.matcher("      - uses: actions/checkout@v4");
    assertThat(uses.matches()).isTrue();
    assertThat(PINNED.matcher(uses.group(1)).matches()).isFalse();
  }
}
