package io.newmankeyvault.postman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.base.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Top-level items counted, dealt and written back, with nested and duplicate folder names. */
class CollectionShardsTest {
  @TempDir Path dir;

  private static final String COLLECTION =
      """
      {"info":{"name":"shards","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
       "variable":[{"key":"v","value":"1"}],
       "item":[
        {"name":"Users","item":[{"name":"u1","request":{"url":"x"}},{"name":"u2","request":{"url":"x"}},
          {"name":"Orders","item":[{"name":"nested","request":{"url":"x"},
            "response":[{"name":"saved","originalRequest":{"url":"x"}}]}]}]},
        {"name":"Orders","item":[{"name":"o1","request":{"url":"x"}},{"name":"o2","request":{"url":"x"}}]},
        {"name":"health","request":{"url":"x"}},
        {"name":"Empty","item":[]}
       ]}
      """;

  @Test
  void itemsAreCountedAtAnyDepthAndDealtLargestFirst() throws Exception {
    Path file = Files.writeString(dir.resolve("c.json"), COLLECTION);
    List<CollectionShards.Item> items = CollectionShards.topLevel(file);
    assertThat(items)
        .containsExactly(
            new CollectionShards.Item(0, "Users", true, 3),
            new CollectionShards.Item(1, "Orders", true, 2),
            new CollectionShards.Item(2, "health", false, 1),
            new CollectionShards.Item(3, "Empty", true, 0));

    List<CollectionShards.Shard> two = CollectionShards.balance(items, 2);
    assertThat(two.get(0).items()).extracting(CollectionShards.Item::index).containsExactly(0, 3);
    assertThat(two.get(1).items()).extracting(CollectionShards.Item::index).containsExactly(1, 2);
    assertThat(two).extracting(CollectionShards.Shard::requests).containsExactly(3, 3);
    // Deterministic: the same split every time; more shards than items leaves some empty.
    assertThat(CollectionShards.balance(items, 2)).isEqualTo(two);
    assertThat(CollectionShards.balance(items, 6).get(5).items()).isEmpty();
  }

  @Test
  void aShardsCollectionKeepsEverythingButTheOtherTopLevelItems() throws Exception {
    Path file = Files.writeString(dir.resolve("c.json"), "{\"collection\":" + COLLECTION + "}");
    Path shard = dir.resolve("shard.json");
    CollectionShards.write(file, Set.of(0, 2), shard);
    JsonNode root = Json.MAPPER.readTree(shard.toFile()).path("collection");
    assertThat(root.path("info").path("name").asText()).isEqualTo("shards");
    assertThat(root.path("variable").get(0).path("key").asText()).isEqualTo("v");
    assertThat(root.path("item"))
        .extracting(item -> item.path("name").asText())
        .containsExactly("Users", "health");
    // The nested folder named like another top-level folder stays where it was.
    assertThat(root.path("item").get(0).path("item").get(2).path("name").asText())
        .isEqualTo("Orders");
  }

  @Test
  void aCollectionWithoutItemsCannotBeSharded() throws Exception {
    Path v1 = Files.writeString(dir.resolve("v1.json"), "{\"name\":\"old\",\"requests\":[]}");
    assertThatThrownBy(() -> CollectionShards.topLevel(v1))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("--shard needs a collection with items");
  }
}
