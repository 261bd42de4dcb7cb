package io.newmankeyvault.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.newmankeyvault.postman.PostmanYaml;
import io.newmankeyvault.postman.V3Collection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Walks a Postman v12 collection folder (collections schema 3.0.0) file by file: each {@code
 * .resources/definition.yaml} (the collection's or a folder's name, variables, auth and scripts),
 * each {@code NAME.request.yaml} and each saved example ({@code
 * .resources/NAME.resources/examples/X.example.yaml}) is read as a {@link YamlTree} and handed to
 * the same {@link RequestParts} and {@link Detector} calls as the v2 walker's, under the locations
 * the v2.1 collection it was migrated from would have: {@code Users / Create user ›
 * request.header[Authorization]}. So the rules, the severities and the fingerprints are those of
 * the JSON collection; each hit also names its file and the line of its value. Other YAML files are
 * read for token shapes, {@code .js} files as scripts. One per document; not thread-safe.
 */
final class V3Walker {
  private static final String RESOURCES = ".resources";

  private final Path folder;
  private final Detector detector;
  private final RequestParts parts;
  private final V3Requests requests;
  private final Scope root = Scope.root("collection");
  private final Map<String, Scope> scopes = new HashMap<>();
  private final Map<Scope, Integer> children = new HashMap<>();

  // What the walk finds out about the collection itself.
  private String name;
  private String id;

  /** What a walk found out about the collection itself: its name and id (or null). */
  record Walked(String name, String id) {}

  V3Walker(Path folder, Detector detector) {
    this.folder = folder;
    this.detector = detector;
    this.parts = new RequestParts(detector);
    this.requests = new V3Requests(detector, parts);
  }

  Walked walk() {
    for (Path file : V3Collection.files(folder)) {
      String relative = folder.relativize(file).toString().replace('\\', '/');
      List<String> path = List.of(relative.split("/"));
      String fileName = path.get(path.size() - 1);
      int from = detector.hits().size();
      YamlTree tree = null;
      if (PostmanYaml.isYaml(file)) {
        tree = YamlTree.read(file, "collection file " + file);
        parts.lines(tree);
        yaml(relative, path, fileName, tree);
      } else if (fileName.endsWith(".js")) {
        script(file, relative);
      }
      // Each hit of this file names it, and a value inside a block (a script) its own line.
      List<Hit> hits = detector.hits();
      for (int i = from; i < hits.size(); i++) {
        Hit hit = hits.get(i);
        hits.set(
            i,
            hit.in(relative, tree == null ? hit.line() : tree.lineWithin(hit.line(), hit.value())));
      }
    }
    String folderName = folder.getFileName() == null ? "" : folder.getFileName().toString();
    return new Walked(name != null ? name : folderName, id);
  }

  private void yaml(String relative, List<String> path, String fileName, YamlTree tree) {
    int depth = path.size();
    if (relative.equals(".resources/definition.yaml") || relative.equals("collection.yaml")) {
      definition(root, tree.root(), tree, true);
    } else if (fileName.equals("definition.yaml") && path.get(depth - 2).equals(RESOURCES)) {
      definition(folder(path.subList(0, depth - 2)), tree.root(), tree, false);
    } else if (fileName.endsWith(".request.yaml")) {
      String stem = fileName.substring(0, fileName.length() - ".request.yaml".length());
      requests.request(item(path.subList(0, depth - 1), stem), tree);
    } else if (fileName.endsWith(".example.yaml")
        && depth >= 4
        && path.get(depth - 2).equals("examples")
        && path.get(depth - 3).endsWith(".resources")
        && path.get(depth - 4).equals(RESOURCES)) {
      String request = path.get(depth - 3);
      String example = fileName.substring(0, fileName.length() - ".example.yaml".length());
      requests.example(
          item(path.subList(0, depth - 4), request.substring(0, request.length() - 10)),
          example,
          tree);
    } else {
      parts.texts(root, () -> relative, tree.root(), tree.line(tree.root(), 1));
    }
  }

  /** A script kept as a file: one text, each value on its own line. */
  private void script(Path file, String relative) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int from = detector.hits().size();
      detector.text(RequestParts.where(root, () -> relative), 1, text);
      List<Hit> hits = detector.hits();
      for (int i = from; i < hits.size(); i++) {
        Hit hit = hits.get(i);
        int at = Math.max(0, text.indexOf(hit.value()));
        hits.set(
            i,
            hit.in(
                relative, 1 + (int) text.substring(0, at).chars().filter(c -> c == '\n').count()));
      }
    } catch (IOException e) {
      throw PostmanYaml.readError("collection file " + file, e);
    }
  }

  /** The collection's or a folder's definition. */
  private void definition(Scope scope, JsonNode node, YamlTree tree, boolean top) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      int line = tree.line(value, 1);
      switch (key) {
        case "$kind", "order" -> {
          // Postman's own bookkeeping
        }
        case "name" -> {
          if (top) {
            name = value.asText("");
          } else if (value.isTextual()) {
            scope.name(value.asText());
          }
        }
        case "id" -> {
          if (top && value.isTextual()) {
            id = value.asText();
          }
        }
        case "variables" -> variables(scope, value, tree);
        case "auth" -> {
          for (JsonNode profile : value.isArray() ? value : List.of(value)) {
            parts.auth(scope, () -> "auth", V3Requests.auth(profile), tree.line(profile, line));
          }
        }
        case "scripts" -> requests.scripts(scope, value, tree);
        case "description" -> parts.texts(scope, () -> top ? "info.description" : key, value, line);
        default -> parts.texts(scope, () -> key, value, line);
      }
    }
  }

  /**
   * Variables as a map of names to values (or to entries), or as a list of entries ({@code key},
   * {@code value}, {@code disabled}, {@code secret}, {@code source}); a secure variable has no
   * value, so it is never a finding.
   */
  private void variables(Scope scope, JsonNode variables, YamlTree tree) {
    if (variables.isObject()) {
      for (Map.Entry<String, JsonNode> field : variables.properties()) {
        JsonNode value = field.getValue();
        JsonNode entry = value.isObject() ? value : null;
        variable(scope, field.getKey(), entry, entry == null ? value : entry.get("value"), tree);
      }
    } else if (variables.isArray()) {
      for (JsonNode entry : variables) {
        String key = entry.path("key").asText("");
        variable(
            scope,
            key.isEmpty() ? entry.path("id").asText("") : key,
            entry,
            entry.get("value"),
            tree);
      }
    } else {
      parts.texts(scope, () -> "variable", variables, tree.line(variables, 1));
    }
  }

  private void variable(Scope scope, String key, JsonNode entry, JsonNode value, YamlTree tree) {
    Supplier<String> at = () -> "variable[" + key + "]";
    if (value != null && value.isTextual()) {
      String type =
          entry == null
              ? ""
              : entry.path("type").asText(entry.path("secret").asBoolean(false) ? "secret" : "");
      detector.variable(
          RequestParts.where(scope, at), tree.line(value, 1), key, type, value.asText());
    } else if (value != null) {
      parts.texts(scope, at, value, tree.line(value, 1));
    }
  }

  /** The scope of a folder, by its path in the collection folder ({@code []} is the collection). */
  private Scope folder(List<String> path) {
    if (path.isEmpty()) {
      return root;
    }
    return scope(
        folder(path.subList(0, path.size() - 1)),
        String.join("/", path),
        path.get(path.size() - 1));
  }

  /** The scope of a request, by its folder and name. */
  private Scope item(List<String> path, String request) {
    String key = String.join("/", path) + "/" + request + ".request";
    return scope(folder(path), key, request);
  }

  private Scope scope(Scope parent, String key, String itemName) {
    return scopes.computeIfAbsent(
        key,
        k -> {
          int index = children.merge(parent, 1, Integer::sum) - 1;
          Scope scope = parent.child(index);
          scope.name(itemName);
          return scope;
        });
  }
}
