package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.newmankeyvault.testing.FakePostmanApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collection of about 60 MB of saved example responses, downloaded through the Postman API by a
 * JVM limited to a 48 MB heap: it only fits because the download streams to a file and the scan
 * streams over it.
 */
class LargeCollectionIT {
  private static final String KEY = "PMAK-CANARY-" + UUID.randomUUID() + "-END";
  private static final String UID = "12345678-" + UUID.randomUUID();

  @TempDir Path runnerTemp;
  @TempDir Path inputs;

  @Test
  void aLargeCollectionStreamsThroughASmallHeap() throws Exception {
    StringBuilder items = new StringBuilder();
    String body = "x".repeat(1 << 20); // 1 MB of saved response per example
    for (int i = 0; i < 60; i++) {
      items
          .append(i == 0 ? "" : ",")
          .append("{\"name\":\"r")
          .append(i)
          .append("\",\"request\":{\"method\":\"GET\",\"url\":\"https://example.com/")
          .append(i)
          .append("?k={{vault:big-secret}}\"},\"response\":[{\"name\":\"saved\",\"body\":\"")
          .append(body)
          .append("\"}]}");
    }
    Path secrets = Files.writeString(inputs.resolve("s.secrets"), "big-secret=CANARY-big-END\n");
    try (FakePostmanApi postman = new FakePostmanApi(KEY)) {
      postman.collection(
          UID,
          "{\"info\":{\"name\":\"big\",\"schema\":\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},\"item\":["
              + items
              + "]}");
      items.setLength(0);

      Jar.Result result =
          Jar.start(
                  runnerTemp,
                  List.of("-Xmx48m"),
                  Map.of("POSTMAN_API_KEY", KEY),
                  "-c",
                  UID,
                  "--postman-api-url",
                  postman.url(),
                  "--secrets-file",
                  secrets.toString(),
                  "--dry-run")
              .await(Jar.TIMEOUT);

      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(result.stdout()).contains("vault:big-secret", "all readable");
      assertThat(result.output()).doesNotContain(KEY).doesNotContain("CANARY-big-END");
    }
    assertThat(Jar.entries(runnerTemp)).as("left behind in RUNNER_TEMP").isEmpty();
  }
}
