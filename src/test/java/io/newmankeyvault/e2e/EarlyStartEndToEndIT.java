package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.newmankeyvault.testing.FakePostmanApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Newman starts while the tool is still downloading (a Postman API fake that holds its answers
 * until the test lets it go): real Newman reads the downloaded collection and the environment from
 * named pipes; a failure or a SIGTERM before the hand-over, whether Newman is still loading or
 * already waits in {@code open()} on the pipes, stops it before it sent a request, prints nothing
 * of it and leaves nothing behind.
 */
class EarlyStartEndToEndIT {
  private static final String KEY = "PMAK-CANARY-early-start-3e9a-END";
  private static final String COLLECTION_UID = "12345-aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
  private static final String ENVIRONMENT_UID = "12345-ffffffff-bbbb-4ccc-8ddd-eeeeeeeeeeee";

  /** The {@code openat} system call's number, by architecture (Linux). */
  private static final long OPENAT = System.getProperty("os.arch").contains("aarch64") ? 56 : 257;

  @TempDir Path runnerTemp;

  private RecordingServer server;
  private FakePostmanApi postman;
  private final AtomicBoolean release = new AtomicBoolean();

  @BeforeEach
  void start() throws IOException {
    server = RecordingServer.start();
    postman = new FakePostmanApi(KEY);
    postman.collection(COLLECTION_UID, Files.readString(Jar.fixture("collection.json")));
    postman.holdUntil(release::get);
  }

  @AfterEach
  void stop() {
    release.set(true);
    postman.close();
    server.close();
  }

  private Jar.Running run(String environmentUid) throws IOException {
    return run(environmentUid, Jar.newman());
  }

  private Jar.Running run(String environmentUid, Path newman) throws IOException {
    return Jar.start(
        runnerTemp,
        List.of(),
        Map.of("POSTMAN_API_KEY", KEY),
        "-c",
        COLLECTION_UID,
        "-e",
        environmentUid,
        "--postman-api-url",
        postman.url(),
        "--secrets-file",
        Jar.fixture("e2e.secrets").toString(),
        "--newman",
        newman.toString(),
        "--verbose",
        "--",
        "--env-var",
        "baseUrl=" + server.baseUrl());
  }

  @Test
  void newmanStartedDuringTheDownloadRunsTheDownloadedCollection() throws Exception {
    postman.environment(
        ENVIRONMENT_UID, Files.readString(Jar.fixture("environment.json")).replace("\n", ""));
    Jar.Running running = run(ENVIRONMENT_UID);
    ProcessHandle newman = awaitNewmanInOpen(running);
    assertThat(newman.isAlive()).isTrue();
    assertThat(server.requests()).as("nothing sent before the hand-over").isEmpty();
    release.set(true);

    Jar.Result result = running.await(Jar.TIMEOUT);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).contains("newman-keyvault e2e");
    assertThat(result.stderr())
        .as("Newman's Node process was started before the command line was parsed")
        .contains("(Newman warm: its modules loaded while the command line was parsed)");
    assertThat(server.requests()).isNotEmpty();
    assertThat(server.await(r -> r.path().equals("/header"), Duration.ofSeconds(5)))
        .map(r -> r.header("X-Api-Key"))
        .contains(List.of(Canaries.PLAIN));
    assertThat(Jar.entries(runnerTemp)).isEmpty();
    Canaries.assertNoCanary("output", result.output());
    assertThat(result.output()).doesNotContain(KEY);
  }

  @Test
  void aFailedDownloadStopsTheWaitingNewmanSilently() throws Exception {
    Jar.Running running = run(ENVIRONMENT_UID); // the fake has no such environment: 404
    ProcessHandle newman = awaitNewmanInOpen(running);
    release.set(true);

    Jar.Result result = running.await(Jar.TIMEOUT);
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
    assertThat(result.stderr()).contains("environment " + ENVIRONMENT_UID);
    assertStoppedSilently(result, List.of(newman));
  }

  @ParameterizedTest
  @ValueSource(strings = {"TERM", "INT"})
  void aSignalWhileNewmanWaitsOnThePipes(String signal) throws Exception {
    Jar.Running running = run(ENVIRONMENT_UID);
    ProcessHandle newman = awaitNewmanInOpen(running);
    Process kill =
        new ProcessBuilder("kill", "-" + signal, Long.toString(running.process.pid())).start();
    assertThat(kill.waitFor()).isZero();

    Jar.Result result = running.await(Jar.TIMEOUT);
    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertStoppedSilently(result, List.of(newman));
  }

  @Test
  void sigtermWhileNewmanIsStillLoading() throws Exception {
    Jar.Running running = run(ENVIRONMENT_UID);
    List<ProcessHandle> started = awaitDescendants(running);
    running.process.destroy(); // SIGTERM, before Node has loaded Newman's modules

    Jar.Result result = running.await(Jar.TIMEOUT);
    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertStoppedSilently(result, started);
  }

  @Test
  void aUsageErrorStopsTheWarmNewmanSilently() throws Exception {
    String mark = UUID.randomUUID().toString();
    Jar.Result result =
        Jar.start(
                runnerTemp,
                List.of(),
                Map.of("NKV_TEST_MARK", mark),
                "-c",
                Jar.fixture("collection.json").toString(),
                "--secrets-file",
                Jar.fixture("e2e.secrets").toString(),
                "--newman",
                Jar.newman().toString(),
                "--output",
                "json") // a usage error: --output json describes a dry run
            .await(Jar.TIMEOUT);
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr().lines()).singleElement().asString().startsWith("error: ");
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!processesMarked(mark).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(processesMarked(mark)).as("processes the tool left running").isEmpty();
    assertThat(Jar.entries(runnerTemp)).isEmpty();
  }

  @Test
  void aNewmanBehindAWrapperStartsEarlyWithoutTheWarmStart() throws Exception {
    Path wrapper =
        Files.writeString(
            runnerTemp.resolveSibling(runnerTemp.getFileName() + "-newman-wrapper"),
            "#!/bin/sh\nexec '" + Jar.newman() + "' \"$@\"\n");
    try {
      assertThat(wrapper.toFile().setExecutable(true)).isTrue();
      postman.environment(
          ENVIRONMENT_UID, Files.readString(Jar.fixture("environment.json")).replace("\n", ""));
      release.set(true);
      Jar.Result result = run(ENVIRONMENT_UID, wrapper).await(Jar.TIMEOUT);
      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(result.stderr()).contains("(Newman started early)");
      assertThat(server.await(r -> r.path().equals("/header"), Duration.ofSeconds(5)))
          .map(r -> r.header("X-Api-Key"))
          .contains(List.of(Canaries.PLAIN));
      assertThat(Jar.entries(runnerTemp)).isEmpty();
      Canaries.assertNoCanary("output", result.output());
    } finally {
      Files.deleteIfExists(wrapper);
    }
  }

  /** The processes whose environment holds {@code NKV_TEST_MARK=mark}. */
  private static List<Long> processesMarked(String mark) throws IOException {
    byte[] wanted = ("NKV_TEST_MARK=" + mark).getBytes(StandardCharsets.UTF_8);
    List<Long> found = new ArrayList<>();
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path process : processes.toList()) {
        String name = process.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          byte[] environ = Files.readAllBytes(process.resolve("environ"));
          if (indexOf(environ, wanted) >= 0) {
            found.add(Long.parseLong(name));
          }
        } catch (IOException e) {
          // Gone, or not ours.
        }
      }
    }
    return found;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private void assertStoppedSilently(Jar.Result result, List<ProcessHandle> newman)
      throws InterruptedException {
    Jar.assertEnded(newman);
    assertThat(server.requests()).as("requests Newman sent").isEmpty();
    assertThat(result.stdout()).as("Newman's output").doesNotContain("newman");
    assertThat(Jar.entries(runnerTemp)).as("left behind in RUNNER_TEMP").isEmpty();
    Canaries.assertNoCanary("output", result.output());
    assertThat(result.output()).doesNotContain(KEY);
  }

  /** The tool's child processes, as soon as there are any. */
  private static List<ProcessHandle> awaitDescendants(Jar.Running running)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      List<ProcessHandle> descendants = running.process.descendants().toList();
      if (!descendants.isEmpty()) {
        return descendants;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("Newman was not started: " + running.stdoutSoFar());
  }

  /**
   * Newman's Node process once it has loaded its modules and waits in {@code openat} on a named
   * pipe (read from {@code /proc/PID/task/TID/syscall}).
   */
  private static ProcessHandle awaitNewmanInOpen(Jar.Running running)
      throws InterruptedException, IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (ProcessHandle child : running.process.descendants().toList()) {
        if (child.info().command().orElse("").endsWith("node") && inOpenat(child.pid())) {
          return child;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("Newman never waited on its pipes: " + running.stdoutSoFar());
  }

  private static boolean inOpenat(long pid) throws IOException {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    try (Stream<Path> list = Files.list(tasks)) {
      for (Path task : list.toList()) {
        Optional<String> syscall = read(task.resolve("syscall"));
        if (syscall.isPresent() && syscall.get().startsWith(OPENAT + " ")) {
          return true;
        }
      }
    } catch (IOException e) {
      return false; // the process ended
    }
    return false;
  }

  private static Optional<String> read(Path file) {
    try {
      return Optional.of(Files.readString(file));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
