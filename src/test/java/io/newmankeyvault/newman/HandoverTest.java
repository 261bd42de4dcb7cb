package io.newmankeyvault.newman;

import static org.assertj.core.api.Assertions.assertThat;

import io.newmankeyvault.base.PrivateDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandoverTest {
  @TempDir Path base;

  @Test
  void namedPipesExistBeforeTheBytesAndDeliverThemOnce() throws IOException {
    try (PrivateDirectory directory =
        PrivateDirectory.create(Map.of("RUNNER_TEMP", base.toString()))) {
      assertThat(directory.path().getParent()).isEqualTo(base);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.path())))
          .isEqualTo("rwx------");
      byte[] environment = "{\"values\":[]}".getBytes(StandardCharsets.UTF_8);
      Path download = Files.writeString(directory.path().resolve("download.json"), "{\"item\":[]}");

      try (NewmanChannels channels =
          NewmanChannels.open(directory.path(), true, false, true).orElseThrow()) {
        for (Path pipe :
            new Path[] {
              channels.environment().path(),
              channels.vault().path(),
              channels.collection().orElseThrow().path(),
              channels.results()
            }) {
          assertThat(isPipe(pipe)).as(pipe + " is a named pipe").isTrue();
          assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pipe)))
              .isEqualTo("rw-------");
        }
        channels.environment().deliver(environment.clone());
        channels.collection().orElseThrow().deliver(download);
        assertThat(Files.readAllBytes(channels.environment().path())).isEqualTo(environment);
        assertThat(Files.readString(channels.collection().orElseThrow().path()))
            .isEqualTo("{\"item\":[]}");
      }
      assertThat(directory.path().resolve("environment.json")).doesNotExist();
      assertThat(directory.path().resolve("collection.json")).doesNotExist();
    }
    assertThat(base).isEmptyDirectory();
  }

  @Test
  void aUserFileCollectionGetsNoPipe() throws IOException {
    try (PrivateDirectory directory =
            PrivateDirectory.create(Map.of("RUNNER_TEMP", base.toString()));
        NewmanChannels channels =
            NewmanChannels.open(directory.path(), false, false, false).orElseThrow()) {
      assertThat(channels.collection()).isEmpty();
      assertThat(channels.results()).isNull();
      try (var entries = Files.list(directory.path())) {
        assertThat(entries.map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrder("environment.json", "vault.json");
      }
    }
  }

  @Test
  void closingAPipeNobodyReadReleasesTheWriterRemovesItAndZeroesTheBytes() throws IOException {
    try (PrivateDirectory directory =
        PrivateDirectory.create(Map.of("RUNNER_TEMP", base.toString()))) {
      NewmanChannels channels =
          NewmanChannels.open(directory.path(), false, false, false).orElseThrow();
      byte[] content = new byte[200_000];
      content[0] = 1;
      channels.environment().deliver(content);
      long start = System.nanoTime();
      channels.close();
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4_000);
      assertThat(channels.environment().path()).doesNotExist();
      assertThat(content).containsOnly((byte) 0);
    }
    assertThat(base).isEmptyDirectory();
  }

  @Test
  void closingAPipeNeverDeliveredRemovesIt() throws IOException {
    try (PrivateDirectory directory =
        PrivateDirectory.create(Map.of("RUNNER_TEMP", base.toString()))) {
      NewmanChannels channels =
          NewmanChannels.open(directory.path(), true, false, false).orElseThrow();
      channels.close();
      assertThat(directory.path()).isEmptyDirectory();
    }
  }

  @Test
  void withoutNamedPipesAPrivateFileIsUsed() throws IOException {
    byte[] content = "x".repeat(100).getBytes(StandardCharsets.UTF_8);
    try (PrivateDirectory directory =
        PrivateDirectory.create(Map.of("AGENT_TEMPDIRECTORY", base.toString()))) {
      try (Handover handover =
          Handover.file(directory.path().resolve("environment.json"), content)) {
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

  private static boolean isPipe(Path path) throws IOException {
    return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
        .isOther();
  }
}
