package io.newmankeyvault.postman;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.newmankeyvault.UserFacingException;
import io.newmankeyvault.reference.ReferenceParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a Postman v2.0/v2.1 collection file (or a Postman API answer {@code {"collection":...}})
 * as a stream of tokens: it checks the schema and collects the collection variables and every
 * {@code {{vault:NAME}}}, without building the whole document in memory.
 */
public final class CollectionFile {
  private CollectionFile() {}

  /** Scans a collection file; bad input is a {@link UserFacingException} with exit 2. */
  public static CollectionScan scan(Path path) {
    String what = "collection file " + path;
    if (Files.isDirectory(path)) {
      throw UserFacingException.usage("cannot read " + what + ": it is a directory");
    }
    try (JsonParser parser = PostmanJson.MAPPER.createParser(Files.newInputStream(path))) {
      Scan scan = new Scan();
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw notACollection(what);
      }
      scanRoot(parser, scan, true);
      if (parser.nextToken() != null) {
        throw notACollection(what);
      }
      if (scan.schema == null || scan.sawItems == false) {
        throw notACollection(what);
      }
      if (!scan.schema.contains("/v2.0.0/") && !scan.schema.contains("/v2.1.0/")) {
        throw UserFacingException.usage(
            what
                + " is not a Postman Collection v2.0 or v2.1 (its info.schema names another"
                + " format): export it from Postman as Collection v2.1");
      }
      return new CollectionScan(path, scan.name, scan.names, List.copyOf(scan.variables));
    } catch (IOException e) {
      throw PostmanJson.readError(what, e);
    }
  }

  private static UserFacingException notACollection(String what) {
    return UserFacingException.usage(
        what
            + " is not a Postman collection (it needs info.schema and item): export it from"
            + " Postman as Collection v2.1");
  }

  private static final class Scan {
    String schema;
    String name = "";
    boolean sawItems;
    final Set<String> names = new LinkedHashSet<>();
    final List<CollectionVariable> variables = new ArrayList<>();
  }

  /** Reads the fields of a collection object; the parser stands on its START_OBJECT. */
  private static void scanRoot(JsonParser parser, Scan scan, boolean top) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (top && field.equals("collection") && value == JsonToken.START_OBJECT) {
        scanRoot(parser, scan, false); // a Postman API answer saved to a file
      } else if (field.equals("info") && value == JsonToken.START_OBJECT) {
        JsonNode info = parser.readValueAsTree();
        JsonNode schema = info.get("schema");
        scan.schema = schema != null && schema.isTextual() ? schema.asText() : "";
        scan.name = info.path("name").asText("");
        collectNames(info, scan.names);
      } else if (field.equals("variable") && value == JsonToken.START_ARRAY) {
        JsonNode variables = parser.readValueAsTree();
        collectVariables(variables, scan.variables);
        collectNames(variables, scan.names);
      } else {
        if (field.equals("item") && value == JsonToken.START_ARRAY) {
          scan.sawItems = true;
        }
        scanStrings(parser, scan.names);
      }
    }
  }

  /** Scans every string in the value the parser stands on, and leaves it at the value's end. */
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
      if (token.isStructStart()) {
        depth++;
      } else if (token.isStructEnd()) {
        depth--;
      } else if (token == JsonToken.VALUE_STRING) {
        ReferenceParser.findPostmanVaultNames(parser.getText(), names);
      }
    }
  }

  private static void collectVariables(JsonNode variables, List<CollectionVariable> into) {
    for (JsonNode variable : variables) {
      JsonNode key = variable.get("key");
      JsonNode value = variable.get("value");
      boolean disabled = variable.path("disabled").asBoolean(false);
      if (key != null && key.isTextual() && value != null && value.isTextual() && !disabled) {
        into.add(new CollectionVariable(key.asText(), value.asText()));
      }
    }
  }

  /** Every {@code {{vault:NAME}}} in the strings of a small tree. */
  static void collectNames(JsonNode node, Set<String> names) {
    if (node.isTextual()) {
      ReferenceParser.findPostmanVaultNames(node.asText(), names);
    } else if (node.isContainerNode()) {
      for (JsonNode child : node) {
        collectNames(child, names);
      }
    }
  }
}
