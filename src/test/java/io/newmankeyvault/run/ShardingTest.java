package io.newmankeyvault.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.postman.V3Collection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A v3 collection folder is sharded like the v2.1 collection it was migrated from: the same dry-run
 * lines and JSON, the same errors; the runner gets a copy of the folder.
 */
class ShardingTest {
  private static final Path PROJECT = Path.of(System.getProperty("nkv.projectDir", "."));
  private static final Path V3 = PROJECT.resolve("test-fixtures/v3/parity");
  private static final Path V2 = PROJECT.resolve("test-fixtures/parity");

  @TempDir Path dir;

  /** Each parity case that {@code postman collection migrate} turned into a v3 folder. */
  static Stream<String> migrated() throws IOException {
    try (Stream<Path> cases = Files.list(V3)) {
      return cases
          .filter(Files::isDirectory)
          .map(path -> path.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("migrated")
  void aV3FolderIsDescribedLikeItsV21Collection(String name) {
    Path json = V2.resolve(name).resolve("collection.json");
    Path folder = V3.resolve(name);
    for (int count = 2; count <= 3; count++) {
      for (int number = 1; number <= count; number++) {
        Sharding sharding = new Sharding(number, count);
        assertThat(sharding.describe(folder, 100)).isEqualTo(sharding.describe(json, 100));
        assertThat(sharding.addTo("{}", folder)).isEqualTo(sharding.addTo("{}", json));
      }
    }
  }

  @Test
  void theRunnerGetsACopyOfTheFolderWithTheShardsItems() throws IOException {
    Path folder = V3.resolve("01-v21-nested-folders");
    assertThat(Sharding.parse("1/1").collectionFor(folder, dir)).isEqualTo(folder);

    Path first = Sharding.parse("1/2").collectionFor(folder, dir);
    assertThat(first).isEqualTo(dir.resolve("shard-collection").resolve("01-v21-nested-folders"));
    assertThat(V3Collection.isV3(first)).isTrue();
    assertThat(first.resolve("Folder A/A1.request.yaml")).exists();
    assertThat(first.resolve("Folder B")).doesNotExist();
    assertThat(first.resolve("Loose.request.yaml")).doesNotExist();

    // The root definition file given as -c stands for its folder.
    Path again =
        Sharding.parse("2/2")
            .collectionFor(folder.resolve(".resources/definition.yaml"), dir.resolve("again"));
    assertThat(again.resolve("Folder B/Folder C/C1.request.yaml")).exists();
    assertThat(again.resolve("Loose.request.yaml")).exists();
    assertThat(again.resolve("Folder A")).doesNotExist();
  }

  @Test
  void anEmptyShardIsTheRootAlone() throws IOException {
    Path folder = V3.resolve("19-folder-and-bail"); // two folders
    Sharding third = Sharding.parse("3/3");
    assertThat(third.describe(folder, 100)).contains("* shard 3/3: 0 requests\n");
    Path copy = third.collectionFor(folder, dir);
    try (Stream<Path> entries = Files.list(copy)) {
      assertThat(entries.map(path -> path.getFileName().toString())).containsExactly(".resources");
    }
  }

  @Test
  void theErrorsAreTheSameAsForJson() {
    assertThatThrownBy(() -> Sharding.parse("4/3"))
        .isInstanceOf(UserFacingException.class)
        .hasMessage("--shard 4/3: K must be from 1 to N (N at least 1)");
  }
}
