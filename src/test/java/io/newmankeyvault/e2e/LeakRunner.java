package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The runners the leak tests run the tool with (issue 28): Newman, and the Postman CLI on the v2.1
 * collection and on its v3 folder (made by {@code test-fixtures/v3/make.sh}). A case takes the ones
 * that apply to it as a parameter; the options that choose the runner, the collection it runs and
 * its reporters come from here, so the cases are written once. Where the pinned Postman CLI is not
 * installed (it is Linux x64, glibc only) its cases are skipped, unless {@code CI=true}: then they
 * fail.
 */
enum LeakRunner {
  NEWMAN("newman"),
  POSTMAN_CLI("postman-cli, v2.1 JSON"),
  POSTMAN_CLI_V3("postman-cli, v3 folder");

  private final String label;

  LeakRunner(String label) {
    this.label = label;
  }

  @Override
  public String toString() {
    return label;
  }

  boolean isNewman() {
    return this == NEWMAN;
  }

  /** The tool's options that choose this runner; skips the case where the CLI is missing. */
  List<String> options() {
    if (isNewman()) {
      return List.of("--newman", Jar.newman().toString());
    }
    return List.of("--runner", "postman-cli", "--postman-cli", Jar.postmanCli().toString());
  }

  /** {@code -c COLLECTION} and the runner's options, for the v2.1 fixture {@code collection}. */
  List<String> run(Path collection) {
    List<String> args = new ArrayList<>(List.of("-c", collection(collection).toString()));
    args.addAll(options());
    return args;
  }

  /**
   * {@link #run(Path)} with the fixture's environment ({@code environment.json} beside it), {@code
   * secretsFile} and then {@code more}; a list the caller may add to.
   */
  List<String> run(Path collection, Path secretsFile, String... more) {
    List<String> args = run(collection);
    args.addAll(
        List.of(
            "-e",
            collection.resolveSibling("environment.json").toString(),
            "--secrets-file",
            secretsFile.toString()));
    args.addAll(List.of(more));
    return args;
  }

  /** The collection this runner runs for a v2.1 fixture: the fixture, or its migrated v3 folder. */
  Path collection(Path v21) {
    if (this != POSTMAN_CLI_V3) {
      return v21;
    }
    Path fixtures = Jar.projectDir().resolve("test-fixtures");
    Path relative = fixtures.relativize(v21);
    Path v3 =
        fixtures
            .resolve("v3")
            .resolve(relative.getParent())
            .resolve(relative.getFileName().toString().replaceFirst("\\.json$", ""));
    assertThat(v3).as("the v3 folder test-fixtures/v3/make.sh makes of " + relative).isDirectory();
    return v3;
  }

  /** Every reporter that writes a file: Newman's with htmlextra, the CLI's (a v3 folder: none). */
  String everyReporter() {
    return switch (this) {
      case NEWMAN -> "cli,json,junit,htmlextra";
      case POSTMAN_CLI -> "cli,json,junit,html";
      case POSTMAN_CLI_V3 -> "cli"; // the CLI's only reporter for v3 collections
    };
  }

  /**
   * The tool's extra environment for this runner: the CLI keeps its log and settings under {@code
   * HOME/.postman}, a directory of the test's that the case scans too.
   */
  Map<String, String> environment(Path home) {
    return isNewman() ? Map.of() : Map.of("HOME", home.toString());
  }

  /**
   * The processes under the tool (the runner and what it started) once one of them runs the runner;
   * for the Postman CLI, the shell that watches it and the CLI itself.
   */
  List<ProcessHandle> awaitProcesses(Jar.Running running) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<ProcessHandle> processes = running.process.descendants().toList();
    while (!runs(processes) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      processes = running.process.descendants().toList();
    }
    assertThat(runs(processes)).as("%s was started: %s", this, processes).isTrue();
    return processes;
  }

  private boolean runs(List<ProcessHandle> processes) {
    String wanted = isNewman() ? "newman" : Jar.POSTMAN_CLI.toString();
    return processes.stream().anyMatch(p -> cmdline(p).contains(wanted));
  }

  /** A process's argv (NULs as spaces), or empty when it is gone. */
  static String cmdline(ProcessHandle process) {
    try {
      return new String(
              Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")),
              StandardCharsets.UTF_8)
          .replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }
}
