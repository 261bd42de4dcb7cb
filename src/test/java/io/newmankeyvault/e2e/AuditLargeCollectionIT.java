package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit} on a collection of about 60 MB of saved example responses, in a JVM limited to a 48
 * MB heap: it only fits because the walk streams. A token seeded in the last example must still be
 * found, at its location.
 */
class AuditLargeCollectionIT {
  private static final String TOKEN = "ghp_CANARYlargeCollectionQ7fLm2Xv9TpRw3k";

  @TempDir Path runnerTemp;
  @TempDir Path inputs;

  @Test
  void aLargeCollectionIsAuditedThroughASmallHeap() throws Exception {
    Path collection = inputs.resolve("big.postman_collection.json");
    String body = "y".repeat(1 << 20); // 1 MB of saved response per example
    try (BufferedWriter out = Files.newBufferedWriter(collection, StandardCharsets.UTF_8)) {
      out.write(
          "{\"info\":{\"name\":\"big\",\"schema\":\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},\"item\":[");
      for (int i = 0; i < 60; i++) {
        out.write(i == 0 ? "" : ",");
        out.write(
            "{\"name\":\"r"
                + i
                + "\",\"request\":{\"method\":\"GET\",\"url\":\"https://example.com/"
                + i
                + "?k={{vault:big-secret}}\"},\"response\":[{\"name\":\"saved\",\"body\":\""
                + body
                + (i == 59 ? " " + TOKEN : "")
                + "\"}]}");
      }
      out.write("]}");
    }

    Jar.Result result =
        Jar.startCommand(
                "audit",
                runnerTemp,
                List.of("-Xmx48m"),
                Map.of(),
                "-c",
                collection.toString(),
                "--output",
                "json",
                "--verbose")
            .await(Jar.TIMEOUT);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.stdout())
        .contains("\"location\" : \"r59 › response[saved].body\"", "NKV-TOKEN-GITHUB");
    assertThat(result.output()).doesNotContain(TOKEN).doesNotContain("CANARY");
  }
}
