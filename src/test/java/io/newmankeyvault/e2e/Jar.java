package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.newmankeyvault.testing.TestJava;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the shaded jar as a child process ({@code java -jar <nkv.jar> run ...}), the way CI runs it,
 * with {@code RUNNER_TEMP} pointing at a directory the test chose, and captures its stdout and
 * stderr.
 */
final class Jar {
  /** Longest any single run may take before the test fails (Newman runs take about a second). */
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** Variables of the test's own environment that would change the tool's behaviour. */
  private static final List<String> CLEARED =
      List.of(
          "RUNNER_TEMP",
          "AGENT_TEMPDIRECTORY",
          "POSTMAN_API_KEY",
          "POSTMAN_API_URL",
          "GITHUB_ACTIONS",
          "GITHUB_OUTPUT",
          "GITHUB_STEP_SUMMARY",
          "TF_BUILD",
          "ACTIONS_ID_TOKEN_REQUEST_URL",
          "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
          "SYSTEM_OIDCREQUESTURI",
          "SYSTEM_ACCESSTOKEN",
          "SYSTEM_COLLECTIONURI",
          "SYSTEM_TEAMFOUNDATIONCOLLECTIONURI",
          "SYSTEM_TEAMPROJECTID",
          "SYSTEM_TEAMPROJECT",
          "NKV_SERVICE_CONNECTION",
          "AZURESUBSCRIPTION_SERVICE_CONNECTION_ID",
          "AZURESUBSCRIPTION_CLIENT_ID",
          "AZURESUBSCRIPTION_TENANT_ID",
          "AZURE_CLIENT_ID",
          "AZURE_TENANT_ID",
          "AZURE_CLIENT_SECRET",
          "AZURE_FEDERATED_TOKEN_FILE",
          "AZURE_AUTHORITY_HOST",
          "IDENTITY_ENDPOINT",
          "IDENTITY_HEADER",
          "HTTPS_PROXY",
          "https_proxy",
          "HTTP_PROXY",
          "http_proxy",
          "NO_PROXY",
          "no_proxy");

  private Jar() {}

  /** The repository root (where package.json, node_modules and test-fixtures live). */
  static Path projectDir() {
    return Path.of(System.getProperty("nkv.projectDir", System.getProperty("user.dir")))
        .toAbsolutePath();
  }

  /** The shaded jar failsafe names, else target/newman-keyvault.jar (for runs from an IDE). */
  static Path jar() {
    String jar = System.getProperty("nkv.jar");
    Path path =
        jar != null ? Path.of(jar) : projectDir().resolve("target").resolve("newman-keyvault.jar");
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(
          "no jar at " + path + ": run 'mvn verify' (or package first)");
    }
    return path;
  }

  /** The pinned Newman that {@code npm ci} installs at the repository root. */
  static Path newman() {
    Path newman = projectDir().resolve("node_modules").resolve(".bin").resolve("newman");
    if (!Files.isExecutable(newman)) {
      throw new IllegalStateException("no Newman at " + newman + ": run 'npm ci' at the repo root");
    }
    return newman;
  }

  /**
   * Where {@code ./mvnw verify} installs the pinned Postman CLI ({@code npm ci --prefix
   * test-tools/postman-cli}; Linux x64 only): it may be missing, see {@link #postmanCli()}.
   */
  static final Path POSTMAN_CLI =
      projectDir()
          .resolve("test-tools/postman-cli/node_modules/@postman/pm-bin-linux-x64/bin/postman");

  /**
   * The pinned Postman CLI ({@link #POSTMAN_CLI}): a test that needs it is skipped where it is
   * missing, except in CI ({@code CI=true}), where the test fails.
   */
  static Path postmanCli() {
    boolean ci = "true".equals(System.getenv("CI"));
    org.junit.jupiter.api.Assumptions.assumeTrue(
        ci || Files.isExecutable(POSTMAN_CLI),
        "no Postman CLI at " + POSTMAN_CLI + " (Linux x64 only)");
    if (!Files.isExecutable(POSTMAN_CLI)) {
      throw new IllegalStateException(
          "no Postman CLI at "
              + POSTMAN_CLI
              + ": run ./mvnw verify (or npm ci --prefix test-tools/postman-cli)");
    }
    return POSTMAN_CLI;
  }

  /** A v3 fixture: a path under {@code test-fixtures/v3} (see make.sh there). */
  static Path v3Fixture(String path) {
    return projectDir().resolve("test-fixtures").resolve("v3").resolve(path);
  }

  /** A file under {@code test-fixtures/e2e}. */
  static Path fixture(String name) {
    return projectDir().resolve("test-fixtures").resolve("e2e").resolve(name);
  }

  /**
   * {@code run}'s arguments for {@code collection} with every secret input of the e2e fixtures (its
   * environment, e2e.secrets and {@code --secret OPTION_SECRET=...}), then {@code more}.
   */
  static String[] withE2eSecrets(Path collection, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-c",
                collection.toString(),
                "-e",
                fixture("environment.json").toString(),
                "--secrets-file",
                fixture("e2e.secrets").toString(),
                "--secret",
                "OPTION_SECRET=akv://e2e-vault/e2e-option"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /**
   * {@code run}'s arguments for the e2e fixture {@code collection} with e2e.secrets and the pinned
   * Newman, whose {@code baseUrl} is the recording server's.
   */
  static String[] newmanAgainst(RecordingServer server, String collection) {
    return new String[] {
      "-c",
      fixture(collection).toString(),
      "--secrets-file",
      fixture("e2e.secrets").toString(),
      "--newman",
      newman().toString(),
      "--",
      "--env-var",
      "baseUrl=" + server.baseUrl()
    };
  }

  /** Runs {@code newman-keyvault run ARGS} to the end, within {@link #TIMEOUT}. */
  static Result run(Path runnerTemp, String... runArgs) throws IOException, InterruptedException {
    return start(runnerTemp, runArgs).await(TIMEOUT);
  }

  /** Starts {@code newman-keyvault run ARGS} without waiting for it. */
  static Running start(Path runnerTemp, String... runArgs) throws IOException {
    return start(runnerTemp, List.of(), Map.of(), runArgs);
  }

  /**
   * Starts {@code java JVM-OPTIONS -jar <jar> run ARGS} with extra environment variables, without
   * waiting for it.
   */
  static Running start(
      Path runnerTemp,
      List<String> jvmOptions,
      Map<String, String> extraEnvironment,
      String... runArgs)
      throws IOException {
    return startCommand("run", runnerTemp, jvmOptions, extraEnvironment, runArgs);
  }

  /** Starts {@code java JVM-OPTIONS -jar <jar> SUBCOMMAND ARGS}, without waiting for it. */
  static Running startCommand(
      String subcommand,
      Path runnerTemp,
      List<String> jvmOptions,
      Map<String, String> extraEnvironment,
      String... args)
      throws IOException {
    return startIn(projectDir(), subcommand, runnerTemp, jvmOptions, extraEnvironment, args);
  }

  /**
   * Starts {@code java JVM-OPTIONS -jar <jar> SUBCOMMAND ARGS} in {@code workingDirectory} (where
   * Newman writes what it writes by default), without waiting for it.
   */
  static Running startIn(
      Path workingDirectory,
      String subcommand,
      Path runnerTemp,
      List<String> jvmOptions,
      Map<String, String> extraEnvironment,
      String... args)
      throws IOException {
    List<String> runArgs = List.of(args);
    List<String> command = new ArrayList<>();
    command.add(TestJava.executable().toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar().toString());
    command.add(subcommand);
    command.addAll(runArgs);
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
    Map<String, String> environment = builder.environment();
    CLEARED.forEach(environment::remove);
    environment.keySet().removeIf(name -> name.startsWith("NKV_"));
    environment.put("RUNNER_TEMP", runnerTemp.toString());
    environment.put("NO_COLOR", "1");
    environment.putAll(extraEnvironment);
    Process process = builder.redirectInput(ProcessBuilder.Redirect.PIPE).start();
    process.getOutputStream().close();
    return new Running(process, command);
  }

  /** What a finished run printed and returned. */
  record Result(int exitCode, String stdout, String stderr, List<String> command) {
    /** Both streams, for "never printed" checks and failure messages. */
    String output() {
      return stdout + stderr;
    }

    @Override
    public String toString() {
      return "exit "
          + exitCode
          + " from "
          + String.join(" ", command)
          + "\n--- stdout ---\n"
          + stdout
          + "--- stderr ---\n"
          + stderr;
    }
  }

  /** A started run. */
  static final class Running {
    final Process process;
    private final List<String> command;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final Thread stdoutPump;
    private final Thread stderrPump;

    private Running(Process process, List<String> command) {
      this.process = process;
      this.command = List.copyOf(command);
      stdoutPump = pump(process.getInputStream(), stdout, "jar-stdout");
      stderrPump = pump(process.getErrorStream(), stderr, "jar-stderr");
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream into, String name) {
      Thread thread =
          new Thread(
              () -> {
                byte[] buffer = new byte[8192];
                try (in) {
                  int read;
                  while ((read = in.read(buffer)) >= 0) {
                    synchronized (into) {
                      into.write(buffer, 0, read);
                    }
                  }
                } catch (IOException e) {
                  // The process went away.
                }
              },
              name);
      thread.setDaemon(true);
      thread.start();
      return thread;
    }

    /** Stdout so far. */
    String stdoutSoFar() {
      synchronized (stdout) {
        return stdout.toString(StandardCharsets.UTF_8);
      }
    }

    /** Waits for the process to end; kills it and its descendants and fails on timeout. */
    Result await(Duration timeout) throws InterruptedException {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(10, TimeUnit.SECONDS);
        stdoutPump.join(5_000);
        stderrPump.join(5_000);
        throw new AssertionError(
            "newman-keyvault did not finish within " + timeout + "\n" + result(-1));
      }
      stdoutPump.join(10_000);
      stderrPump.join(10_000);
      return result(process.exitValue());
    }

    private Result result(int exitCode) {
      String out;
      String err;
      synchronized (stdout) {
        out = stdout.toString(StandardCharsets.UTF_8);
      }
      synchronized (stderr) {
        err = stderr.toString(StandardCharsets.UTF_8);
      }
      return new Result(exitCode, out, err, command);
    }
  }

  /**
   * Asserts that the processes (Newman's, seen while the tool ran) end within 5 s of the tool's
   * exit; kills any that did not.
   */
  static void assertEnded(List<ProcessHandle> processes) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (processes.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    try {
      assertThat(processes.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::info))
          .as("Newman processes still alive after the tool exited")
          .isEmpty();
    } finally {
      processes.forEach(ProcessHandle::destroyForcibly);
    }
  }

  /** The entries of a directory (the test's RUNNER_TEMP), by name. */
  static List<String> entries(Path directory) {
    try (Stream<Path> list = Files.list(directory)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
