package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while Newman waits on a request that never gets an answer (a CI job cancelled mid-run):
 * the private directory is gone and Newman is dead when the tool has exited.
 */
class SigtermEndToEndIT {
  @TempDir Path runnerTemp;

  @RegisterExtension final RecordingServer server = RecordingServer.perTest();

  @Test
  void sigtermRemovesThePrivateDirectoryAndStopsNewman() throws Exception {
    Jar.Running running = Jar.start(runnerTemp, Jar.newmanAgainst(server, "hang-collection.json"));
    List<ProcessHandle> descendants;
    try {
      Optional<RecordedRequest> hanging =
          server.await(r -> r.path().equals(RecordingServer.HANG_PATH), Duration.ofSeconds(30));
      assertThat(hanging)
          .as("Newman's request to /hang; output so far:\n" + running.stdoutSoFar())
          .isPresent();
      assertThat(hanging.get().header("X-Api-Key")).containsExactly(Canaries.PLAIN);

      // While Newman runs: one 0700 newman-keyvault-* directory in RUNNER_TEMP, holding a pipe.
      List<String> during = Jar.entries(runnerTemp);
      assertThat(during).singleElement().asString().startsWith("newman-keyvault-");
      Path privateDir = runnerTemp.resolve(during.get(0));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateDir)))
          .isEqualTo("rwx------");
      Path handover = privateDir.resolve("environment.json");
      assertThat(
              Files.readAttributes(handover, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                  .isOther())
          .as("the hand-over is a named pipe, not a file")
          .isTrue();

      descendants = running.process.descendants().toList();
      assertThat(descendants).as("Newman's processes").isNotEmpty();
    } catch (Throwable t) {
      running.process.descendants().forEach(ProcessHandle::destroyForcibly);
      running.process.destroyForcibly();
      throw t;
    }

    running.process.destroy(); // SIGTERM on Linux
    Jar.Result result = running.await(Duration.ofSeconds(30));

    // The JVM exits 128+15 after its shutdown hooks ran; any code but 0 is acceptable here.
    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(Jar.entries(runnerTemp)).as("left behind in RUNNER_TEMP").isEmpty();
    Jar.assertEnded(descendants);
    Canaries.assertNoCanary("output", result.output());
  }
}
