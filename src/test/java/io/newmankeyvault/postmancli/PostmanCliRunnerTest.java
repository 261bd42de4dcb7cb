package io.newmankeyvault.postmancli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell the Postman CLI runs under: it ends the CLI when the tool's pipe ends, and when the
 * pipe ends with no {@code stop} line (the tool died: SIGKILL, a crash) it also removes the private
 * directory, which holds the hydrated environment and the unredacted staged reports.
 */
class PostmanCliRunnerTest {
  @TempDir Path temp;

  @Test
  void whenTheToolDiesTheCliEndsAndThePrivateDirectoryIsRemoved() throws Exception {
    Path directory = privateDirectory();
    Process shell = watch(directory, "sleep", "30");
    ProcessHandle cli = awaitChild(shell);

    shell.getOutputStream().close(); // what the kernel does when the tool is killed

    assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(cli.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
    awaitGone(directory);
    assertThat(directory).doesNotExist();
  }

  @Test
  void whenTheToolStopsTheCliItselfThePrivateDirectoryIsLeftToTheTool() throws Exception {
    Path directory = privateDirectory();
    Process shell = watch(directory, "sleep", "30");
    ProcessHandle cli = awaitChild(shell);

    try (OutputStream stdin = shell.getOutputStream()) {
      stdin.write((PostmanCliRunner.STOP + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(cli.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
    Thread.sleep(300); // a watcher that removed it would have by now
    assertThat(directory.resolve("environment.json")).exists();
  }

  @Test
  void aCliThatEndsOnItsOwnKeepsItsExitCodeAndTheDirectory() throws Exception {
    Path directory = privateDirectory();
    Process shell = watch(directory, "sh", "-c", "exit 3");

    assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(shell.exitValue()).isEqualTo(3);
    shell.getOutputStream().close();
    Thread.sleep(300);
    assertThat(directory.resolve("environment.json")).exists();
  }

  @Test
  void aDirectoryThatIsNotTheToolsIsNeverRemoved() throws Exception {
    Path directory = Files.createDirectories(temp.resolve("somewhere-else"));
    Files.writeString(directory.resolve("keep"), "x");
    Process shell = watch(directory, "sleep", "30");
    awaitChild(shell);

    shell.getOutputStream().close();

    assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(directory.resolve("keep")).exists();
  }

  private Path privateDirectory() throws IOException {
    Path directory =
        Files.createDirectories(temp.resolve("newman-keyvault-123").resolve("staging"));
    Files.writeString(directory.getParent().resolve("environment.json"), "{}");
    return directory.getParent();
  }

  private static Process watch(Path directory, String... command) throws IOException {
    return new ProcessBuilder(PostmanCliRunner.watched(directory, List.of(command)))
        .redirectInput(ProcessBuilder.Redirect.PIPE)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /** The command the shell started (its first child that is not the watcher's subshell). */
  private static ProcessHandle awaitChild(Process shell) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      for (ProcessHandle child : shell.children().toList()) {
        if (child.info().command().map(c -> c.endsWith("sleep")).orElse(false)) {
          return child;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the watched command did not start");
  }

  private static void awaitGone(Path path) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (Files.exists(path) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }
}
