package io.newmankeyvault.newman;

import static org.assertj.core.api.Assertions.assertThat;

import io.newmankeyvault.base.PrivateDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentHandoverTest {
  @TempDir Path base;

  @Test
  void aNamedPipeInA0700DirectoryDeliversTheBytesOnce() throws IOException {
    try (PrivateDirectory directory =
        PrivateDirectory.create(Map.of("RUNNER_TEMP", base.toString()))) {
      assertThat(directory.path().getParent()).isEqualTo(base);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.path())))
          .isEqualTo("rwx------");
      byte[] content = "{\"values\":[]}".getBytes(StandardCharsets.UTF_8);

      try (EnvironmentHandover handover =
          EnvironmentHandover.open(directory.path(), content.clone(), true)) {
        assertThat(handover.isNamedPipe()).isTrue();
        assertThat(Files.isRegularFile(handover.path())).isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(handover.path())))
            .isEqualTo("rw-------");
        assertThat(Files.readAllBytes(handover.path())).isEqualTo(content);
      }
    }
    assertThat(base).isEmptyDirectory();
  }

  @Test
  void closingAPipeNobodyReadReleasesTheWriterAndRemovesIt() throws IOException {
    try (PrivateDirectory directory =
        PrivateDirectory.create(Map.of("RUNNER_TEMP", base.toString()))) {
      EnvironmentHandover handover =
          EnvironmentHandover.open(directory.path(), new byte[200_000], true);
      long start = System.nanoTime();
      handover.close();
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4_000);
      assertThat(handover.path()).doesNotExist();
    }
    assertThat(base).isEmptyDirectory();
  }

  @Test
  void withoutNamedPipesAPrivateFileIsUsed() throws IOException {
    byte[] content = "x".repeat(100).getBytes(StandardCharsets.UTF_8);
    try (PrivateDirectory directory =
        PrivateDirectory.create(Map.of("AGENT_TEMPDIRECTORY", base.toString()))) {
      try (EnvironmentHandover handover =
          EnvironmentHandover.open(directory.path(), content, false)) {
        assertThat(handover.isNamedPipe()).isFalse();
        assertThat(Files.isRegularFile(handover.path())).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(handover.path())))
            .isEqualTo("rw-------");
        assertThat(Files.readString(handover.path())).isEqualTo("x".repeat(100));
      }
      assertThat(content).containsOnly((byte) 0); // zeroed on close
    }
    assertThat(base).isEmptyDirectory();
  }
}
