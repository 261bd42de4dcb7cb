package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --shard K/N} with real Newman: the shards together send every request of the collection
 * exactly once (a folder nested under another top-level folder's name, a loose request at the top
 * level), N = 1 sends them all, and the dry run says what each shard gets.
 */
class ShardEndToEndIT {
  @TempDir Path runnerTemp;
  @TempDir Path work;

  private RecordingServer server;
  private Path collection;

  @BeforeEach
  void start() throws Exception {
    server = RecordingServer.start();
    String base = server.baseUrl();
    collection =
        Files.writeString(
            work.resolve("shards.json"),
            """
            {"info":{"name":"shards","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
             "item":[
              {"name":"Users","item":[
                {"name":"u1","request":{"method":"GET","url":"%1$s/users/1"}},
                {"name":"u2","request":{"method":"GET","url":"%1$s/users/2"}},
                {"name":"Orders","item":[{"name":"nested","request":{"method":"GET","url":"%1$s/users/orders"}}]}]},
              {"name":"Orders","item":[
                {"name":"o1","request":{"method":"GET","url":"%1$s/orders/1"}},
                {"name":"o2","request":{"method":"GET","url":"%1$s/orders/2"}}]},
              {"name":"health","request":{"method":"GET","url":"%1$s/health"}}
             ]}
            """
                .formatted(base));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Jar.Result run(String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(List.of("-c", collection.toString(), "--newman", Jar.newman().toString()));
    args.addAll(List.of(extra));
    return Jar.start(runnerTemp, List.of(), Map.of(), args.toArray(String[]::new))
        .await(Jar.TIMEOUT);
  }

  private List<String> pathsSent() {
    return server.requests().stream().map(RecordedRequest::path).sorted().toList();
  }

  @Test
  void theShardsTogetherSendEveryRequestOnce() throws Exception {
    Jar.Result first = run("--shard", "1/2");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(pathsSent()).containsExactly("/users/1", "/users/2", "/users/orders");

    Jar.Result second = run("--shard", "2/2");
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(pathsSent())
        .containsExactlyInAnyOrder(
            "/users/1", "/users/2", "/users/orders", "/orders/1", "/orders/2", "/health");
    assertThat(io.newmankeyvault.testing.Cli.entriesUnder(runnerTemp)).isEmpty();
  }

  @Test
  void oneShardIsTheWholeRun() throws Exception {
    Jar.Result result = run("--shard", "1/1");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(pathsSent()).hasSize(6);
  }

  @Test
  void theDryRunSaysWhatEachShardGets() throws Exception {
    Jar.Result result = run("--shard", "2/2", "--dry-run");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout())
        .contains("  shard 1/2: 3 requests: 'Users'\n")
        .contains("* shard 2/2: 3 requests: 'Orders', request 'health'\n");
    Jar.Result json = run("--shard", "2/2", "--dry-run", "--output", "json");
    com.fasterxml.jackson.databind.JsonNode shards =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.stdout()).path("shards");
    assertThat(shards).hasSize(2);
    assertThat(shards.get(1).path("this").asBoolean()).isTrue();
    assertThat(shards.get(1).path("items").get(1).path("name").asText()).isEqualTo("health");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aShardOutsideOneToNOrWithFolderIsAUsageError() throws Exception {
    Jar.Result outside = run("--shard", "3/2");
    assertThat(outside.exitCode()).isEqualTo(2);
    assertThat(outside.stderr()).contains("--shard 3/2: K must be from 1 to N");
    Jar.Result folder = run("--shard", "1/2", "--", "--folder", "Users");
    assertThat(folder.exitCode()).isEqualTo(2);
    assertThat(folder.stderr()).contains("drop --folder");
    assertThat(server.requests()).isEmpty();
  }
}
