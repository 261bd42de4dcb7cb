package io.newmankeyvault.audit;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.postman.PostmanYaml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One YAML file of a Postman v12 collection as a tree, with the line where each of its strings and
 * containers starts, looked up by the node itself: the v3 walker builds Postman's v2 shapes around
 * these very nodes, so that {@link RequestParts} finds the line of each value it judges. A literal
 * block scalar ({@code code: |-}) also keeps its text, so that a value inside a script or a body is
 * placed on its own line.
 */
final class YamlTree {
  /** A line ending in a literal block indicator: {@code code: |-}, {@code - |}. */
  private static final Pattern LITERAL_BLOCK = Pattern.compile("(^|[:-])\\s*\\|[-+0-9]*\\s*$");

  private final IdentityHashMap<JsonNode, Integer> lines = new IdentityHashMap<>();
  private final Map<Integer, String> blocks = new HashMap<>();
  private final List<String> source;
  private JsonNode root = MissingNode.getInstance();

  private YamlTree(List<String> source) {
    this.source = source;
  }

  /**
   * Reads one file; an empty file is a missing root. Bad YAML is exit 2 with the line, never the
   * text ({@code what} names the file).
   */
  static YamlTree read(Path file, String what) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw PostmanYaml.readError(what, e);
    }
    YamlTree tree = new YamlTree(new String(bytes, StandardCharsets.UTF_8).lines().toList());
    try (JsonParser parser = PostmanYaml.parser(new ByteArrayInputStream(bytes))) {
      if (parser.nextToken() != null) {
        tree.root = tree.node(parser);
        if (parser.nextToken() != null) {
          throw UserFacingException.usage(
              what + " holds more than one YAML document: a Postman v3 file holds one");
        }
      }
    } catch (IOException e) {
      throw PostmanYaml.readError(what, e);
    }
    return tree;
  }

  JsonNode root() {
    return root;
  }

  /** The line where a node of this tree starts, else {@code fallback}. */
  int line(JsonNode node, int fallback) {
    Integer line = node == null ? null : lines.get(node);
    return line == null ? fallback : line;
  }

  /**
   * The line of {@code value} when it was found in the literal block scalar whose indicator is on
   * {@code line}; else {@code line}.
   */
  int lineWithin(int line, String value) {
    String block = blocks.get(line);
    int at = block == null || value.isEmpty() ? -1 : block.indexOf(value);
    return at < 0
        ? line
        : line + 1 + (int) block.substring(0, at).chars().filter(c -> c == '\n').count();
  }

  private JsonNode node(JsonParser parser) throws IOException {
    JsonLocation location = parser.currentTokenLocation();
    int line = location == null ? 0 : Math.max(0, location.getLineNr());
    JsonNode node;
    switch (parser.currentToken()) {
      case START_OBJECT -> {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          object.set(name, node(parser));
        }
        node = object;
      }
      case START_ARRAY -> {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(node(parser));
        }
        node = array;
      }
      case VALUE_STRING -> {
        String text = parser.getText();
        node = new TextNode(text); // one node per value: lines are looked up by identity
        if (line > 0
            && line <= source.size()
            && LITERAL_BLOCK.matcher(source.get(line - 1)).find()) {
          blocks.put(line, text);
        }
      }
      case VALUE_NULL -> node = NullNode.getInstance();
      default -> {
        JsonNode scalar = parser.readValueAsTree();
        node = scalar == null ? NullNode.getInstance() : scalar;
      }
    }
    if (node.isContainerNode() || node.isTextual()) {
      lines.put(node, line);
    }
    return node;
  }
}
