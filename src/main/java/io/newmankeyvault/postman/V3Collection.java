package io.newmankeyvault.postman;

import com.fasterxml.jackson.databind.JsonNode;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.reference.ReferenceParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A Postman v12 collection as it is kept in Git (collections schema 3.0.0): a folder with {@code
 * .resources/definition.yaml} (the collection's name, variables, auth and scripts), one {@code
 * NAME.request.yaml} per request and one sub-folder per folder, each with its own {@code
 * .resources/definition.yaml}. The scan reads every YAML and script file in it for {@code
 * {{vault:NAME}}} (descriptions left out, as in JSON) and the root's variables. The folder itself
 * reaches the runner unchanged.
 */
public final class V3Collection {
  /** Where a v3 collection folder keeps the collection's own definition. */
  public static final Path DEFINITION = Path.of(".resources", "definition.yaml");

  private static final String ALTERNATIVE_ROOT = "collection.yaml";

  private V3Collection() {}

  /** Whether {@code path} is a v3 collection folder (or its root definition file). */
  public static boolean isV3(Path path) {
    return root(path) != null;
  }

  /**
   * The collection folder of {@code path}: the folder itself, or the folder of its root definition
   * ({@code .resources/definition.yaml} or {@code collection.yaml}); null when it is not one.
   */
  public static Path root(Path path) {
    if (Files.isDirectory(path)) {
      return Files.isRegularFile(path.resolve(DEFINITION))
              || Files.isRegularFile(path.resolve(ALTERNATIVE_ROOT))
          ? path
          : null;
    }
    Path name = path.getFileName();
    if (name == null || !Files.isRegularFile(path)) {
      return null;
    }
    if (name.toString().equals(ALTERNATIVE_ROOT)) {
      return path.toAbsolutePath().getParent();
    }
    Path parent = path.toAbsolutePath().getParent();
    if (name.toString().equals("definition.yaml")
        && parent != null
        && parent.getFileName() != null
        && parent.getFileName().toString().equals(".resources")) {
      return parent.getParent();
    }
    return null;
  }

  /** Scans a v3 collection folder; bad input is a {@link UserFacingException} with exit 2. */
  public static CollectionScan scan(Path path) {
    Path folder = root(path);
    if (folder == null) {
      throw UserFacingException.usage(
          "collection folder "
              + path
              + " is not a Postman v3 collection (no .resources/definition.yaml): pass the"
              + " collection's folder under postman/collections/, or a v2.1 JSON file");
    }
    Set<String> names = new LinkedHashSet<>();
    JsonNode definition = null;
    for (Path file : files(folder)) {
      String what = "collection file " + file;
      if (PostmanYaml.isYaml(file)) {
        JsonNode tree = PostmanYaml.read(file, what);
        if (tree == null) {
          continue;
        }
        if (file.equals(folder.resolve(DEFINITION))
            || file.equals(folder.resolve(ALTERNATIVE_ROOT))) {
          definition = tree;
        }
        CollectionFile.collectNames(tree, names);
      } else if (isScript(file)) {
        try {
          ReferenceParser.findPostmanVaultNames(
              Files.readString(file, StandardCharsets.UTF_8), names);
        } catch (IOException e) {
          throw PostmanJson.readError(what, e);
        }
      }
    }
    String name = folder.getFileName() == null ? "" : folder.getFileName().toString();
    if (definition != null && definition.path("name").isTextual()) {
      name = definition.path("name").asText();
    }
    return new CollectionScan(
        folder, name, names, definition == null ? List.of() : variables(definition));
  }

  /** Every regular file of a collection folder, in a stable order. */
  public static List<Path> files(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw UserFacingException.usage(
          "cannot read collection folder " + folder + ": " + e.getClass().getSimpleName());
    }
  }

  private static boolean isScript(Path file) {
    String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
    return name.endsWith(".js");
  }

  /**
   * The root's enabled variables with string values, and its secure variables: {@code variables} is
   * either a map of names to values or a list of entries shaped like JSON's ({@code key}, {@code
   * value}, {@code disabled}, {@code source}).
   */
  private static List<CollectionVariable> variables(JsonNode definition) {
    JsonNode variables = definition.path("variables");
    List<CollectionVariable> found = new ArrayList<>();
    if (variables.isObject()) {
      for (Map.Entry<String, JsonNode> field : variables.properties()) {
        JsonNode value = field.getValue();
        if (value.isObject()) {
          add(found, field.getKey(), value);
        } else if (value.isTextual()) {
          found.add(new CollectionVariable(field.getKey(), value.asText()));
        }
      }
    } else if (variables.isArray()) {
      for (JsonNode entry : variables) {
        if (entry.path("key").isTextual()) {
          add(found, entry.path("key").asText(), entry);
        }
      }
    }
    return List.copyOf(found);
  }

  private static void add(List<CollectionVariable> found, String key, JsonNode entry) {
    if (entry.path("disabled").asBoolean(false)) {
      return;
    }
    if (SecureVariables.isSecure(entry)) {
      found.add(new CollectionVariable(key, "", true));
    } else if (entry.path("value").isTextual()) {
      found.add(new CollectionVariable(key, entry.path("value").asText()));
    }
  }
}
