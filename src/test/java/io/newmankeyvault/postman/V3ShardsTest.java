package io.newmankeyvault.postman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newmankeyvault.base.UserFacingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** v3 collection folders dealt to shards and copied, on the folders the real Postman CLI made. */
class V3ShardsTest {
  private static final Path PROJECT = Path.of(System.getProperty("nkv.projectDir", "."));
  private static final Path V3 = PROJECT.resolve("test-fixtures/v3");

  @TempDir Path dir;

  /** Every v3 collection folder among the fixtures: the demo and each migrated parity case. */
  static Stream<Path> fixtures() throws IOException {
    try (Stream<Path> cases = Files.list(V3.resolve("parity"))) {
      List<Path> all = new ArrayList<>(cases.filter(Files::isDirectory).sorted().toList());
      all.add(V3.resolve("demo/postman/collections/demo"));
      return all.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void everyRequestIsInExactlyOneShardAndEveryShardKeepsTheRoot(Path collection)
      throws IOException {
    List<String> all = requestFiles(collection);
    assertThat(all).isNotEmpty();
    byte[] definition = Files.readAllBytes(collection.resolve(V3Collection.DEFINITION));
    for (int count = 1; count <= 3; count++) {
      List<CollectionShards.Shard> shards =
          CollectionShards.balance(CollectionShards.topLevel(collection), count);
      List<String> dealt = new ArrayList<>();
      for (CollectionShards.Shard shard : shards) {
        Path copy = dir.resolve(count + "-" + shard.number()).resolve("c");
        V3Shards.write(collection, indices(shard), copy);
        assertThat(Files.readAllBytes(copy.resolve(V3Collection.DEFINITION))).isEqualTo(definition);
        List<String> here = requestFiles(copy);
        assertThat(here).hasSize(shard.requests());
        dealt.addAll(here);
      }
      assertThat(dealt).as("N=%d", count).containsExactlyInAnyOrderElementsOf(all);
      // Balanced: no two shards differ by more than the largest item.
      int largest =
          CollectionShards.topLevel(collection).stream()
              .mapToInt(CollectionShards.Item::requests)
              .max()
              .orElse(0);
      IntSummaryStatistics loads =
          shards.stream().mapToInt(CollectionShards.Shard::requests).summaryStatistics();
      assertThat(loads.getMax() - loads.getMin()).isLessThanOrEqualTo(largest);
      // The copy is a valid collection for the tool too, with the requests of its shard.
      assertThat(V3Collection.isV3(dir.resolve(count + "-1/c"))).isTrue();
    }
  }

  @Test
  void nestedFoldersAreDealtWholeLargestFirstInTheirOrder() {
    Path nested = V3.resolve("parity/01-v21-nested-folders");
    List<CollectionShards.Item> items = CollectionShards.topLevel(nested);
    assertThat(items)
        .containsExactly(
            new CollectionShards.Item(0, "Folder A", true, 2),
            new CollectionShards.Item(1, "Folder B", true, 1),
            new CollectionShards.Item(2, "Loose", false, 1));
    List<CollectionShards.Shard> two = CollectionShards.balance(items, 2);
    assertThat(two.get(0).items())
        .extracting(CollectionShards.Item::name)
        .containsExactly("Folder A");
    assertThat(two.get(1).items())
        .extracting(CollectionShards.Item::name)
        .containsExactly("Folder B", "Loose");
    assertThat(two).extracting(CollectionShards.Shard::requests).containsExactly(2, 2);
    assertThat(CollectionShards.balance(items, 2)).isEqualTo(two);
    assertThat(CollectionShards.balance(items, 4).get(3).items()).isEmpty();
  }

  @Test
  void orderFieldsGiveTheTopLevelOrderTiesAndMissingOnesByFileName() throws IOException {
    write("c/.resources/definition.yaml", "$kind: collection\nname: ordered\norder: 1\n");
    write("c/zeta.request.yaml", "$kind: http-request\nurl: x\norder: 1000\n");
    write("c/alpha.request.yaml", "$kind: http-request\nurl: x\norder: 3000\n");
    write("c/Beta/.resources/definition.yaml", "$kind: collection\norder: 1000\n");
    write("c/Beta/one.request.yaml", "$kind: http-request\nurl: x\n");
    write("c/Beta/Deeper/two.request.yml", "$kind: http-request\nurl: x\n");
    write("c/Beta/.resources/one.resources/examples/e.example.yaml", "name: e\n");
    write("c/named.request.yaml", "$kind: http-request\nname: Shown name\nurl: x\norder: 2500\n");
    write("c/unordered.request.yaml", "$kind: http-request\nurl: x\n");
    write("c/NoDefinition/three.request.yaml", "$kind: http-request\nurl: x\n");
    write("c/README.md", "not an item\n");

    assertThat(CollectionShards.topLevel(dir.resolve("c")))
        .containsExactly(
            new CollectionShards.Item(0, "Beta", true, 2),
            new CollectionShards.Item(1, "zeta", false, 1),
            new CollectionShards.Item(2, "Shown name", false, 1),
            new CollectionShards.Item(3, "alpha", false, 1),
            new CollectionShards.Item(4, "NoDefinition", true, 1),
            new CollectionShards.Item(5, "unordered", false, 1));
    // The root definition file stands for its folder, as with -c.
    assertThat(CollectionShards.topLevel(dir.resolve("c/.resources/definition.yaml"))).hasSize(6);
  }

  @Test
  void aRequestTakesItsExamplesAndScriptsAlongAndLeavesTheOthers() throws IOException {
    write("c/.resources/definition.yaml", "$kind: collection\nname: examples\n");
    write("c/.resources/kept.resources/examples/ok.example.yaml", "name: ok\n");
    write("c/.resources/gone.resources/examples/no.example.yaml", "name: no\n");
    write("c/.resources/other.txt", "root material\n");
    write("c/kept.request.yaml", "$kind: http-request\nurl: x\norder: 1\n");
    write("c/gone.request.yaml", "$kind: http-request\nurl: x\norder: 2\n");
    write("c/kept.resources/scripts/pre.js", "pm.variables.set('a', 1);\n");
    write("c/gone.resources/scripts/pre.js", "pm.variables.set('b', 1);\n");
    write("c/Folder/gone.request.yaml", "$kind: http-request\nurl: x\n");
    write("c/Folder/.resources/gone.resources/examples/inner.example.yaml", "name: in\n");
    write("c/notes.md", "beside\n");

    Path copy = dir.resolve("shard/c");
    V3Shards.write(dir.resolve("c"), Set.of(0, 2), copy); // kept, Folder
    assertThat(relativeFiles(copy))
        .containsExactly(
            ".resources/definition.yaml",
            ".resources/kept.resources/examples/ok.example.yaml",
            ".resources/other.txt",
            "Folder/.resources/gone.resources/examples/inner.example.yaml",
            "Folder/gone.request.yaml",
            "kept.request.yaml",
            "kept.resources/scripts/pre.js",
            "notes.md");
    assertThat(V3Shards.folderName(dir.resolve("c"))).isEqualTo("c");
  }

  @Test
  void linksInsideTheFolderAreCopiedAsFilesAndLinksOutOfItAreRefused() throws IOException {
    write("c/.resources/definition.yaml", "$kind: collection\nname: links\n");
    Path shared = write("c/.resources/shared.js", "pm.test('x', () => {});\n");
    write("c/a.request.yaml", "$kind: http-request\nurl: x\n");
    Path outside = write("elsewhere/secret.txt", "not for the shard\n");
    Files.createDirectories(dir.resolve("c/a.resources/scripts"));
    Files.createSymbolicLink(dir.resolve("c/a.resources/scripts/test.js"), shared);

    Path copy = dir.resolve("shard/c");
    V3Shards.write(dir.resolve("c"), Set.of(0), copy);
    Path linked = copy.resolve("a.resources/scripts/test.js");
    assertThat(Files.isSymbolicLink(linked)).isFalse();
    assertThat(linked).hasSameTextualContentAs(shared);

    Files.createSymbolicLink(dir.resolve("c/a.resources/scripts/out.js"), outside);
    assertThatThrownBy(() -> V3Shards.write(dir.resolve("c"), Set.of(0), dir.resolve("again/c")))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("out.js is a link to outside the folder")
        .hasMessageNotContaining("not for the shard")
        .message()
        .doesNotContain("\n");
    Files.delete(dir.resolve("c/a.resources/scripts/out.js"));

    Files.createSymbolicLink(dir.resolve("c/Linked"), dir.resolve("elsewhere"));
    assertThatThrownBy(() -> V3Shards.write(dir.resolve("c"), Set.of(0), dir.resolve("more/c")))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("Linked is a link to outside the folder");
    assertThat(Files.exists(dir.resolve("more/c/Linked/secret.txt"), LinkOption.NOFOLLOW_LINKS))
        .isFalse();
  }

  @Test
  void aFolderThatIsNoCollectionIsRefused() throws IOException {
    Files.createDirectories(dir.resolve("plain"));
    assertThatThrownBy(() -> V3Shards.topLevel(dir.resolve("plain")))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("is not a Postman v3 collection");
  }

  private static Set<Integer> indices(CollectionShards.Shard shard) {
    return shard.items().stream().map(CollectionShards.Item::index).collect(Collectors.toSet());
  }

  /** The request files of a collection folder, relative to it. */
  private static List<String> requestFiles(Path folder) throws IOException {
    return relativeFiles(folder).stream()
        .filter(name -> name.endsWith(".request.yaml") || name.endsWith(".request.yml"))
        .toList();
  }

  private static List<String> relativeFiles(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile)
          .map(file -> folder.relativize(file).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  private Path write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }
}
