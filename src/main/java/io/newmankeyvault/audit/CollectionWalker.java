package io.newmankeyvault.audit;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Walks a Postman collection as a stream of tokens and hands each string to the {@link Detector}
 * with its location. Only the path (the items above) and the current field are kept; small parts (a
 * header, a url, an auth block, a script, a body) are read as trees, saved responses are streamed
 * field by field, so a collection with tens of MB of examples never sits in memory. One per
 * document; not thread-safe.
 */
final class CollectionWalker {
  private final JsonParser parser;
  private final Detector detector;
  private final RequestParts parts;
  private final Scope root = Scope.root("collection");

  // What the walk finds besides the detector's findings, returned by walk().
  private String schema;
  private String name = "";
  private String postmanId;
  private boolean sawItems;

  /** What a walk found out about the collection itself. */
  record Walked(String schema, String name, String postmanId, boolean sawItems) {}

  CollectionWalker(JsonParser parser, Detector detector) {
    this.parser = parser;
    this.detector = detector;
    this.parts = new RequestParts(detector);
  }

  /** Reads the collection object the parser stands on (its START_OBJECT). */
  Walked walk() throws IOException {
    walkRoot(true);
    return new Walked(schema, name, postmanId, sawItems);
  }

  private void walkRoot(boolean top) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (top && field.equals("collection") && value == JsonToken.START_OBJECT) {
        walkRoot(false); // a Postman API answer saved to a file
      } else if (field.equals("info") && value == JsonToken.START_OBJECT) {
        int line = line();
        JsonNode info = parser.readValueAsTree();
        schema = info.path("schema").isTextual() ? info.get("schema").asText() : "";
        name = info.path("name").asText("");
        postmanId = info.path("_postman_id").isTextual() ? info.get("_postman_id").asText() : null;
        parts.texts(root, () -> "info", info, line);
      } else {
        itemField(root, field, value);
      }
    }
  }

  /** A field of the collection or of an item (folder or request). */
  private void itemField(Scope scope, String field, JsonToken value) throws IOException {
    switch (field) {
      case "item" -> {
        if (value == JsonToken.START_ARRAY) {
          sawItems = true;
          items(scope);
        } else {
          skipStrings(scope, field);
        }
      }
      case "request" -> request(scope, () -> "request", value);
      case "response" -> responses(scope, value);
      case "auth" -> {
        int line = line();
        parts.auth(scope, () -> "auth", tree(), line);
      }
      case "event" -> events(scope, value);
      case "variable" -> variables(scope, value);
      default -> skipStrings(scope, field);
    }
  }

  private void items(Scope parent) throws IOException {
    int index = 0;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (parser.currentToken() == JsonToken.START_OBJECT) {
        Scope item = parent.child(index);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          JsonToken value = parser.nextToken();
          if (field.equals("name") && value == JsonToken.VALUE_STRING) {
            item.name(parser.getText());
          } else {
            itemField(item, field, value);
          }
        }
      } else {
        parser.skipChildren();
      }
      index++;
    }
  }

  /** A request object (or a v2.0 URL string); {@code prefix} is its field path. */
  private void request(Scope scope, Supplier<String> prefix, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      parts.url(scope, () -> prefix.get() + ".url", parser.getText(), null, line());
      return;
    }
    if (value != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      int line = line();
      JsonNode node = tree();
      Supplier<String> at = () -> prefix.get() + "." + field;
      switch (field) {
        case "header" -> parts.headers(scope, at, node, line);
        case "url" ->
            parts.url(
                scope,
                at,
                node.isTextual() ? node.asText() : node.path("raw").asText(""),
                node.isObject() ? node.get("query") : null,
                line);
        case "auth" -> parts.auth(scope, at, node, line);
        case "body" -> parts.body(scope, at, node, line);
        default -> parts.texts(scope, at, node, line);
      }
    }
  }

  private void events(Scope scope, JsonToken value) throws IOException {
    if (value != JsonToken.START_ARRAY) {
      skipStrings(scope, "event");
      return;
    }
    int index = 0;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      int line = line();
      JsonNode event = tree();
      String listen = event.path("listen").asText(String.valueOf(index));
      JsonNode exec = event.path("script").path("exec");
      // A script is one text: a PEM key or a connection string spans its lines.
      String script = exec.isArray() ? String.join("\n", iterableText(exec)) : exec.asText("");
      detector.text(RequestParts.where(scope, () -> "event[" + listen + "].script"), line, script);
      index++;
    }
  }

  private static List<String> iterableText(JsonNode lines) {
    List<String> texts = new ArrayList<>();
    lines.forEach(line -> texts.add(line.asText("")));
    return texts;
  }

  private void variables(Scope scope, JsonToken value) throws IOException {
    if (value != JsonToken.START_ARRAY) {
      skipStrings(scope, "variable");
      return;
    }
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      int line = line();
      JsonNode variable = tree();
      String key = variable.path("key").asText(variable.path("id").asText(""));
      JsonNode text = variable.get("value");
      if (text != null && text.isTextual()) {
        detector.variable(
            RequestParts.where(scope, () -> "variable[" + key + "]"),
            line,
            key,
            variable.path("type").asText(""),
            text.asText());
      }
    }
  }

  /** Saved examples: streamed, since their bodies are what makes collections large. */
  private void responses(Scope scope, JsonToken value) throws IOException {
    if (value != JsonToken.START_ARRAY) {
      skipStrings(scope, "response");
      return;
    }
    int index = 0;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        parser.skipChildren();
        index++;
        continue;
      }
      String[] name = {null};
      int number = index + 1;
      Supplier<String> at =
          () -> "response[" + (name[0] == null || name[0].isBlank() ? "#" + number : name[0]) + "]";
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken fieldValue = parser.nextToken();
        switch (field) {
          case "name" -> name[0] = fieldValue == JsonToken.VALUE_STRING ? parser.getText() : null;
          case "originalRequest" -> request(scope, () -> at.get() + ".originalRequest", fieldValue);
          case "header" -> {
            int line = line();
            JsonNode headers = tree();
            for (JsonNode header : headers) {
              String key = header.path("key").asText("");
              if (header.path("value").isTextual()) {
                detector.text(
                    RequestParts.where(scope, () -> at.get() + ".header[" + key + "]"),
                    line,
                    header.get("value").asText());
              }
            }
          }
          default -> {
            Supplier<String> fieldAt = () -> at.get() + "." + field;
            streamStrings(scope, fieldAt);
          }
        }
      }
      index++;
    }
  }

  /** Streams every string of the value the parser stands on into the token shapes. */
  private void skipStrings(Scope scope, String field) throws IOException {
    streamStrings(scope, () -> field);
  }

  private void streamStrings(Scope scope, Supplier<String> at) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      detector.text(RequestParts.where(scope, at), line(), parser.getText());
      return;
    }
    if (token == null || !token.isStructStart()) {
      return;
    }
    int depth = 1;
    while (depth > 0 && (token = parser.nextToken()) != null) {
      if (token.isStructStart()) {
        depth++;
      } else if (token.isStructEnd()) {
        depth--;
      } else if (token == JsonToken.VALUE_STRING) {
        detector.text(RequestParts.where(scope, at), line(), parser.getText());
      }
    }
  }

  private JsonNode tree() throws IOException {
    JsonNode node = parser.readValueAsTree();
    return node == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
  }

  private int line() {
    JsonLocation location = parser.currentTokenLocation();
    return location == null ? 0 : Math.max(0, location.getLineNr());
  }
}
