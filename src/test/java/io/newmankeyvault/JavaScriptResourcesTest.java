package io.newmankeyvault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every JavaScript resource is JavaScript that Node accepts ({@code node --check}), as the script
 * it runs ({@code node -e}: CommonJS, whatever a package.json nearby says): a syntax error fails
 * the build, not a run. Node's code lives in these files, never in Java strings.
 */
class JavaScriptResourcesTest {
  private static final Path RESOURCES = Path.of("src", "main", "resources");
  private static final Path MAIN = Path.of("src", "main", "java");

  @TempDir Path dir;

  @Test
  void everyJavaScriptResourcePassesNodeCheck() throws Exception {
    List<Path> scripts;
    try (Stream<Path> files = Files.walk(RESOURCES)) {
      scripts = files.filter(p -> p.toString().endsWith(".js")).sorted().toList();
    }
    assertThat(scripts).as("the guard at least").isNotEmpty();
    for (Path script : scripts) {
      // .cjs: checked as the CommonJS that 'node -e' runs.
      Path copy =
          Files.copy(script, dir.resolve(script.getFileName().toString().replace(".js", ".cjs")));
      Process check =
          new ProcessBuilder("node", "--check", copy.toString()).redirectErrorStream(true).start();
      String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(check.waitFor(30, TimeUnit.SECONDS)).as(script.toString()).isTrue();
      assertThat(check.exitValue()).as(script + ": " + output).isZero();
    }
  }

  @Test
  void noJavaStringIsAScriptForNode() throws Exception {
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        assertThat(Files.readString(file))
            .as(file + ": Node's code goes in a .js resource")
            .doesNotContain("\"node\", \"-e\", \"")
            .doesNotContain("\"node\", \"--eval\"");
      }
    }
  }
}
