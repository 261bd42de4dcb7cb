package io.newmankeyvault.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrivateDirectoryTest {
  @Test
  void theBaseIsTheRunnersTempDirectoryWhenThereIsOne() {
    assertThat(PrivateDirectory.baseFor(Map.of("RUNNER_TEMP", "/r", "AGENT_TEMPDIRECTORY", "/a")))
        .isEqualTo(Path.of("/r"));
    assertThat(PrivateDirectory.baseFor(Map.of("RUNNER_TEMP", " ", "AGENT_TEMPDIRECTORY", "/a")))
        .isEqualTo(Path.of("/a"));
    assertThat(PrivateDirectory.baseFor(Map.of()))
        .isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
  }
}
