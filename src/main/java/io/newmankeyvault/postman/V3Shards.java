package io.newmankeyvault.postman;

import com.fasterxml.jackson.databind.JsonNode;
import io.newmankeyvault.base.UserFacingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@link CollectionShards} for a Postman v12 collection folder ({@link V3Collection}). Its
 * top-level items are the {@code NAME.request.yaml} files and the sub-folders beside the root
 * {@code .resources/}, in the order their {@code order:} fields give (a request's in its file, a
 * folder's in its {@code .resources/definition.yaml}; ties, and items without one after the rest,
 * by file name). A folder counts the request files at any depth outside {@code .resources}
 * directories. A shard is a copy of the folder without the other shards' items: a request goes with
 * its {@code NAME.resources} (beside it, or in the root {@code .resources/}, where the Postman CLI
 * writes its examples); everything else (the root definition, other files) is in every shard. Links
 * are not followed out of the folder: a link to a file inside it is copied as that file, any other
 * link is an error.
 */
public final class V3Shards {
  private static final String RESOURCES = ".resources";

  private V3Shards() {}

  /** A top-level entry of the folder and its place. */
  private record Entry(Path path, String fileName, String name, boolean folder, double order) {}

  /** The top-level items of a v3 collection folder, indexed in their {@code order:}. */
  public static List<CollectionShards.Item> topLevel(Path collection) {
    List<Entry> entries = entries(rootOf(collection));
    List<CollectionShards.Item> items = new ArrayList<>();
    for (Entry entry : entries) {
      items.add(
          new CollectionShards.Item(
              items.size(),
              entry.name(),
              entry.folder(),
              entry.folder() ? requestsIn(entry.path()) : 1));
    }
    return items;
  }

  /**
   * Copies the collection folder of {@code collection} to the new folder {@code target} with only
   * the top-level items at {@code keep} (indices of {@link #topLevel}); see the class comment.
   */
  public static void write(Path collection, Set<Integer> keep, Path target) {
    Path root = rootOf(collection);
    List<Entry> entries = entries(root);
    Set<String> dropped = new HashSet<>();
    Set<String> droppedResources = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      Entry entry = entries.get(i);
      if (!keep.contains(i)) {
        dropped.add(entry.fileName());
        if (!entry.folder()) {
          droppedResources.add(stem(entry.fileName()) + RESOURCES);
        }
      }
    }
    dropped.addAll(droppedResources);
    try {
      Path realRoot = root.toRealPath();
      Files.createDirectories(target);
      for (Path path : list(root)) {
        String name = String.valueOf(path.getFileName());
        if (dropped.contains(name)) {
          continue;
        }
        if (name.equals(RESOURCES) && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(target.resolve(name));
          for (Path resource : list(path)) {
            if (!droppedResources.contains(String.valueOf(resource.getFileName()))) {
              copy(realRoot, root, resource, target);
            }
          }
        } else {
          copy(realRoot, root, path, target);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw UserFacingException.usage(
          "cannot write the shard's collection (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** The name of the collection's folder, for the shard's copy (the CLI may name a run by it). */
  public static String folderName(Path collection) {
    Path name = rootOf(collection).toAbsolutePath().normalize().getFileName();
    return name == null ? "collection" : name.toString();
  }

  private static Path rootOf(Path collection) {
    Path root = V3Collection.root(collection);
    if (root == null) {
      V3Collection.scan(collection); // says what is wrong, exit 2
      throw new IllegalStateException("not a v3 collection: " + collection);
    }
    return root;
  }

  private static List<Entry> entries(Path root) {
    List<Entry> entries = new ArrayList<>();
    for (Path path : list(root)) {
      String fileName = String.valueOf(path.getFileName());
      if (isResources(fileName)) {
        continue;
      }
      if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        Path definition = path.resolve(V3Collection.DEFINITION);
        JsonNode tree =
            Files.isRegularFile(definition)
                ? PostmanYaml.read(definition, "collection file " + definition)
                : null;
        entries.add(new Entry(path, fileName, name(tree, fileName), true, order(tree)));
      } else if (isRequest(fileName)) {
        JsonNode tree = PostmanYaml.read(path, "collection file " + path);
        entries.add(new Entry(path, fileName, name(tree, stem(fileName)), false, order(tree)));
      }
    }
    entries.sort(Comparator.comparingDouble(Entry::order).thenComparing(Entry::fileName));
    return entries;
  }

  private static String name(JsonNode tree, String fallback) {
    return tree != null && tree.path("name").isTextual() ? tree.path("name").asText() : fallback;
  }

  private static double order(JsonNode tree) {
    return tree != null && tree.path("order").isNumber()
        ? tree.path("order").asDouble()
        : Double.POSITIVE_INFINITY;
  }

  /** The request files under {@code folder}, outside {@code .resources} directories. */
  private static int requestsIn(Path folder) {
    int[] requests = {0};
    try {
      Files.walkFileTree(
          folder,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
              return !dir.equals(folder) && isResources(String.valueOf(dir.getFileName()))
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              if (isRequest(String.valueOf(file.getFileName()))) {
                requests[0]++;
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw readError(folder, e);
    }
    return requests[0];
  }

  /** Copies {@code source} (under {@code root}) to the same place under {@code target}. */
  private static void copy(Path realRoot, Path root, Path source, Path target) throws IOException {
    Files.walkFileTree(
        source,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes)
              throws IOException {
            Files.createDirectories(target.resolve(root.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            Path to = target.resolve(root.relativize(file).toString());
            if (attributes.isSymbolicLink()) {
              Path real = linkTarget(file);
              if (!real.startsWith(realRoot) || !Files.isRegularFile(real)) {
                throw UserFacingException.usage(
                    "--shard copies the collection folder "
                        + root
                        + " without following links out of it: "
                        + root.relativize(file)
                        + " is a link to "
                        + (real.startsWith(realRoot) ? "a folder" : "outside the folder or nothing")
                        + "; replace the link by the file");
              }
              Files.copy(real, to);
            } else if (attributes.isRegularFile()) {
              Files.copy(file, to);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static Path linkTarget(Path link) {
    try {
      return link.toRealPath();
    } catch (IOException e) {
      return link.toAbsolutePath(); // dangling: not inside the real folder, refused above
    }
  }

  private static List<Path> list(Path folder) {
    try (Stream<Path> children = Files.list(folder)) {
      return children.sorted().toList();
    } catch (IOException e) {
      throw readError(folder, e);
    } catch (UncheckedIOException e) {
      throw readError(folder, e.getCause());
    }
  }

  private static UserFacingException readError(Path folder, IOException e) {
    return UserFacingException.usage(
        "cannot read collection folder " + folder + ": " + e.getClass().getSimpleName());
  }

  private static boolean isResources(String fileName) {
    return fileName.endsWith(RESOURCES);
  }

  private static boolean isRequest(String fileName) {
    return fileName.endsWith(".request.yaml") || fileName.endsWith(".request.yml");
  }

  /** {@code NAME} of {@code NAME.request.yaml}. */
  private static String stem(String fileName) {
    return fileName.substring(0, fileName.lastIndexOf(".request."));
  }
}
