package io.newmankeyvault.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The markdown documents a reader follows: README.md, then the {@code .md} files of docs/ and of
 * workflows-examples/, each folder's sorted. {@code DocExamplesTest} parses their command lines and
 * {@code DocsRunnableIT} runs their runnable blocks: one list, so that neither misses a document.
 */
public final class ProjectDocs {
  private static final List<String> FOLDERS = List.of("docs", "workflows-examples");

  private ProjectDocs() {}

  /** The documents under the repository root {@code root}, as paths resolved against it. */
  public static List<Path> markdown(Path root) throws IOException {
    List<Path> files = new ArrayList<>(List.of(root.resolve("README.md")));
    for (String dir : FOLDERS) {
      try (Stream<Path> list = Files.list(root.resolve(dir))) {
        list.filter(path -> path.toString().endsWith(".md")).sorted().forEach(files::add);
      }
    }
    return files;
  }
}
