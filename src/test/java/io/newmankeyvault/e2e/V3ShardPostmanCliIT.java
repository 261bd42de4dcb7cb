package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.newmankeyvault.postman.CollectionShards;
import io.newmankeyvault.postman.V3Shards;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shards of a v3 collection folder are collections the real Postman CLI runs: each shard's copy
 * runs offline with every assertion passing (the root's and the folders' scripts came along), and
 * the shards together send exactly the requests of the whole folder. The tool's Postman CLI runner
 * is not used: the pinned CLI runs the copies directly. Skipped where the pinned CLI is not
 * installed (it is Linux x64, glibc only).
 */
class V3ShardPostmanCliIT {
  private static final Path CLI = Jar.POSTMAN_CLI;
  private static final Path NESTED =
      Jar.projectDir().resolve("test-fixtures/v3/parity/01-v21-nested-folders");

  /** A request line of the CLI's console output: {@code GET http://host/path [200 OK, ...]}. */
  private static final Pattern REQUEST =
      Pattern.compile("^\\s+([A-Z]+) http://127\\.0\\.0\\.1:\\d+(\\S*) \\[", Pattern.MULTILINE);

  private static Process echo;
  private static String baseUrl;

  @TempDir Path work;

  @BeforeAll
  static void startEchoServer() throws IOException {
    assumeTrue(Files.isExecutable(CLI), "the pinned Postman CLI is not installed");
    Path server = Jar.projectDir().resolve("test-fixtures/demo/echo-server.js");
    echo = new ProcessBuilder("node", server.toString()).redirectErrorStream(true).start();
    String port =
        new BufferedReader(new InputStreamReader(echo.getInputStream(), StandardCharsets.UTF_8))
            .readLine();
    baseUrl = "http://127.0.0.1:" + port;
  }

  @AfterAll
  static void stopEchoServer() throws InterruptedException {
    if (echo != null) {
      echo.destroy();
      echo.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void theCliRunsEachShardAndTogetherTheySendEveryRequestOnce() throws Exception {
    // What the whole folder sends (NewmanParityIT's case 01, migrated).
    List<String> whole = List.of("GET /a/1", "POST /a/two", "GET /c?x=1&y=two", "DELETE /loose");
    for (int count = 2; count <= 3; count++) {
      List<String> sent = new ArrayList<>();
      for (CollectionShards.Shard shard :
          CollectionShards.balance(CollectionShards.topLevel(NESTED), count)) {
        Path copy = work.resolve(count + "-" + shard.number()).resolve(NESTED.getFileName());
        V3Shards.write(
            NESTED,
            shard.items().stream().map(CollectionShards.Item::index).collect(Collectors.toSet()),
            copy);
        List<String> here = run(copy);
        assertThat(here).as("shard %d/%d", shard.number(), count).hasSize(shard.requests());
        sent.addAll(here);
      }
      assertThat(sent).as("N=%d", count).containsExactlyInAnyOrderElementsOf(whole);
    }
  }

  /** Runs {@code collection} with the pinned CLI, offline; the requests it sent, in order. */
  private List<String> run(Path collection) throws Exception {
    Path environment =
        Files.writeString(
            work.resolve("env.json"),
            "{\"values\":[{\"key\":\"baseUrl\",\"value\":\"" + baseUrl + "\",\"enabled\":true}]}");
    Path home = Files.createDirectories(work.resolve("home"));
    ProcessBuilder builder =
        new ProcessBuilder(
                CLI.toString(),
                "collection",
                "run",
                collection.toString(),
                "-e",
                environment.toString(),
                "--no-report-events")
            .directory(work.toFile())
            .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("HOME", home.toString());
    env.put("POSTMAN_DISABLE_ANALYTICS", "1");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    // The root definition's collection-level test ran for every request of the copy.
    List<String> sent = new ArrayList<>();
    Matcher matcher = REQUEST.matcher(output);
    while (matcher.find()) {
      sent.add(matcher.group(1) + " " + matcher.group(2));
    }
    assertThat(output.split("Pass  collection-level test", -1)).hasSize(sent.size() + 1);
    return sent;
  }
}
