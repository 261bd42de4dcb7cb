package io.newmankeyvault.postman;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.reference.ReferenceParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a Postman collection file, whatever its shape Newman runs (v2.0, v2.1, the v1 format with
 * {@code requests} and {@code order}, an object with {@code item} and no {@code info}, even {@code
 * {}}), or a Postman API answer {@code {"collection":...}}, as a stream of tokens: it collects the
 * collection variables (secure ones included) and every {@code {{vault:NAME}}}, without building
 * the whole document in memory. Descriptions are text Postman never resolves: a {@code
 * {{vault:NAME}}} in one is not a reference. The file itself reaches Newman unchanged (Newman
 * converts v1 itself).
 */
public final class CollectionFile {
  private CollectionFile() {}

  /** Scans a collection file; bad input is a {@link UserFacingException} with exit 2. */
  public static CollectionScan scan(Path path) {
    String what = "collection file " + path;
    if (Files.isDirectory(path) || V3Collection.isV3(path)) {
      return V3Collection.scan(path);
    }
    if (PostmanYaml.isYaml(path)) {
      throw UserFacingException.usage(
          "-c "
              + path
              + " is a YAML file but not a Postman v3 collection: pass the collection's folder (the"
              + " one holding .resources/definition.yaml)"
              + (path.getFileName().toString().contains(".environment.")
                  ? ", and this environment with -e"
                  : ""));
    }
    try (JsonParser parser = Json.MAPPER.createParser(Files.newInputStream(path))) {
      Scan scan = new Scan();
      JsonToken first = parser.nextToken();
      if (first == JsonToken.START_OBJECT) {
        scanRoot(parser, scan, true);
      } else if (first == JsonToken.START_ARRAY) {
        scanStrings(parser, scan.names); // Newman runs it as an empty collection
      } else {
        throw notACollection(what);
      }
      if (parser.nextToken() != null) {
        throw notACollection(what);
      }
      if (scan.otherKind() != null) {
        // Newman would run it as a collection with no request, and pass.
        throw UserFacingException.usage(
            "-c "
                + path
                + " is "
                + (scan.otherKind().equals("globals")
                    ? "Postman globals, not a collection: pass it with -g"
                    : "a Postman environment, not a collection: pass it with -e"));
      }
      return new CollectionScan(path, scan.name(), scan.names, scan.variables());
    } catch (IOException e) {
      throw PostmanJson.readError(what, e);
    }
  }

  private static UserFacingException notACollection(String what) {
    return UserFacingException.usage(
        what
            + " is not a Postman collection (one JSON object): export it from Postman as Collection v2.1");
  }

  /** What one pass found; the v1 format keeps its name and variables elsewhere than v2. */
  private static final class Scan {
    String infoName;
    String rootName;
    boolean hasOrder;
    boolean hasRequests;

    /** The top level's fields that tell a collection from an environment or globals. */
    final ObjectNode top = Json.MAPPER.createObjectNode();

    JsonNode variable; // v2 "variable"
    JsonNode variables; // v1 "variables"
    final Set<String> names = new LinkedHashSet<>();

    /** "environment" or "globals" when the document is one of those (no request), else null. */
    String otherKind() {
      String kind = EnvironmentFile.kindOf(top);
      return "collection".equals(kind) ? null : kind;
    }

    /** Newman's own test for a v1 collection (util.isV1Collection). */
    boolean isV1() {
      return rootName != null && !rootName.isEmpty() && hasOrder && hasRequests;
    }

    String name() {
      if (infoName != null) {
        return infoName;
      }
      return isV1() ? rootName : "";
    }

    /** The collection variables Newman will see: v2's {@code variable}, or what v1 converts. */
    List<CollectionVariable> variables() {
      List<CollectionVariable> found = new ArrayList<>();
      JsonNode source = isV1() ? (variables != null ? variables : variable) : variable;
      if (source != null && source.isArray()) {
        for (JsonNode entry : source) {
          JsonNode key = entry.get("key");
          if (isV1() && (key == null || !key.isTextual() || key.asText().isEmpty())) {
            key = entry.get("id"); // the v1 converter's fallback
          }
          JsonNode value = entry.get("value");
          boolean disabled = entry.path("disabled").asBoolean(false);
          if (key == null || !key.isTextual() || disabled) {
            continue;
          }
          if (SecureVariables.isSecure(entry)) {
            found.add(new CollectionVariable(key.asText(), "", true));
          } else if (value != null && value.isTextual()) {
            found.add(new CollectionVariable(key.asText(), value.asText()));
          }
        }
      }
      return List.copyOf(found);
    }
  }

  /** Reads the fields of a collection object; the parser stands on its START_OBJECT. */
  private static void scanRoot(JsonParser parser, Scan scan, boolean top) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (top) {
        remember(scan.top, field, value, parser);
      }
      if (top && field.equals("collection") && value == JsonToken.START_OBJECT) {
        scanRoot(parser, scan, false); // a Postman API answer saved to a file
      } else if (field.equals("description")) {
        parser.skipChildren();
      } else if (field.equals("info") && value == JsonToken.START_OBJECT) {
        JsonNode info = parser.readValueAsTree();
        JsonNode name = info.get("name");
        scan.infoName = name != null && name.isTextual() ? name.asText() : "";
        collectNames(info, scan.names);
      } else if ((field.equals("variable") || field.equals("variables"))
          && value == JsonToken.START_ARRAY) {
        JsonNode variables = parser.readValueAsTree();
        if (field.equals("variable")) {
          scan.variable = variables;
        } else {
          scan.variables = variables;
        }
        collectNames(variables, scan.names);
      } else {
        if (field.equals("name") && value == JsonToken.VALUE_STRING) {
          scan.rootName = parser.getText();
        }
        scan.hasOrder |= field.equals("order") && isTruthy(value);
        scan.hasRequests |= field.equals("requests") && isTruthy(value);
        scanStrings(parser, scan.names);
      }
    }
  }

  /** Keeps what {@link EnvironmentFile#kindOf} looks at of a top-level field, never a value. */
  private static void remember(ObjectNode top, String field, JsonToken value, JsonParser parser)
      throws IOException {
    if (field.equals("_postman_variable_scope") && value == JsonToken.VALUE_STRING) {
      top.put(field, parser.getText());
    } else if (value == JsonToken.START_ARRAY) {
      top.putArray(field);
    } else if (value == JsonToken.START_OBJECT) {
      top.putObject(field);
    } else {
      top.putNull(field);
    }
  }

  /** JavaScript's truthiness, for a value that may be a structure (always truthy). */
  private static boolean isTruthy(JsonToken value) {
    return value != JsonToken.VALUE_NULL && value != JsonToken.VALUE_FALSE;
  }

  /**
   * Scans every string in the value the parser stands on, but those of descriptions, and leaves the
   * parser at the value's end.
   */
  private static void scanStrings(JsonParser parser, Set<String> names) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      ReferenceParser.findPostmanVaultNames(parser.getText(), names);
      return;
    }
    if (!token.isStructStart()) {
      return;
    }
    int depth = 1;
    while (depth > 0) {
      token = parser.nextToken();
      if (token == null) {
        return;
      }
      if (token == JsonToken.FIELD_NAME && parser.currentName().equals("description")) {
        parser.nextToken();
        parser.skipChildren();
      } else if (token.isStructStart()) {
        depth++;
      } else if (token.isStructEnd()) {
        depth--;
      } else if (token == JsonToken.VALUE_STRING) {
        ReferenceParser.findPostmanVaultNames(parser.getText(), names);
      }
    }
  }

  /** Every {@code {{vault:NAME}}} in the strings of a small tree, descriptions left out. */
  static void collectNames(JsonNode node, Set<String> names) {
    if (node.isTextual()) {
      ReferenceParser.findPostmanVaultNames(node.asText(), names);
    } else if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              field -> {
                if (!field.getKey().equals("description")) {
                  collectNames(field.getValue(), names);
                }
              });
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        collectNames(child, names);
      }
    }
  }
}
