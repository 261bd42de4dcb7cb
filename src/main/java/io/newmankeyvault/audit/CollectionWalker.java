package io.newmankeyvault.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Walks a Postman collection as a stream of tokens and hands each string to the {@link Detector}
 * with its location, whatever shape {@code run} accepts: v2.0 and v2.1 ({@code item}, also spelled
 * {@code items}), with or without {@code info}, a Postman API answer {@code {"collection": ...}},
 * and v1 ({@code requests}, see {@link V1Requests}). Only the path (the items above) and the
 * current field are kept; small parts (a header, a url, an auth block, a script, a body) are read
 * as trees, saved responses are streamed field by field, so a collection with tens of MB of
 * examples never sits in memory. One per document; not thread-safe.
 */
final class CollectionWalker {
  private final JsonParser parser;
  private final TokenStream stream;
  private final Detector detector;
  private final RequestParts parts;
  private final Scope root = Scope.root("collection");

  // What the walk finds besides the detector's findings, returned by walk().
  private String infoName;
  private String postmanId;
  private String rootName;
  private String rootId;
  private boolean hasOrder;
  private boolean hasRequests;

  /** What a walk found out about the collection itself: its name and Postman id (or null). */
  record Walked(String name, String postmanId) {}

  CollectionWalker(JsonParser parser, Detector detector) {
    this.parser = parser;
    this.stream = new TokenStream(parser, detector);
    this.detector = detector;
    this.parts = new RequestParts(detector);
  }

  /** Reads the collection the parser stands on: an object, or an array (Newman runs it empty). */
  Walked walk() throws IOException {
    if (parser.currentToken() == JsonToken.START_ARRAY) {
      stream.strings(() -> "collection");
      return new Walked("", null);
    }
    walkRoot(true);
    // The v1 format names itself at the root; Newman's own test for it (util.isV1Collection).
    boolean v1 = rootName != null && !rootName.isEmpty() && hasOrder && hasRequests;
    String name = infoName != null ? infoName : v1 ? rootName : "";
    return new Walked(name, postmanId != null ? postmanId : v1 ? rootId : null);
  }

  private void walkRoot(boolean top) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (top && field.equals("collection") && value == JsonToken.START_OBJECT) {
        walkRoot(false); // a Postman API answer saved to a file
      } else if (field.equals("info") && value == JsonToken.START_OBJECT) {
        int line = stream.line();
        JsonNode info = parser.readValueAsTree();
        infoName = info.path("name").asText("");
        postmanId = info.path("_postman_id").isTextual() ? info.get("_postman_id").asText() : null;
        parts.texts(root, () -> "info", info, line);
      } else if (field.equals("requests") && value == JsonToken.START_ARRAY) {
        hasRequests = true;
        new V1Requests(stream, detector, parts, this).walk(root);
      } else {
        v1Fact(field, value);
        itemField(root, field, value);
      }
    }
  }

  /** Notes what Newman's v1 test reads: a root name, and truthy {@code order} and requests. */
  private void v1Fact(String field, JsonToken value) throws IOException {
    boolean truthy = value != JsonToken.VALUE_NULL && value != JsonToken.VALUE_FALSE;
    hasOrder |= field.equals("order") && truthy;
    hasRequests |= field.equals("requests") && truthy;
    if (field.equals("name") && value == JsonToken.VALUE_STRING) {
      rootName = parser.getText();
    } else if (field.equals("id") && value == JsonToken.VALUE_STRING) {
      rootId = parser.getText();
    }
  }

  /** A field of the collection or of an item (folder or request). */
  private void itemField(Scope scope, String field, JsonToken value) throws IOException {
    switch (field) {
      case "item", "items" -> {
        if (value == JsonToken.START_ARRAY) {
          items(scope);
        } else {
          stream.strings(RequestParts.where(scope, () -> field));
        }
      }
      case "request" -> request(scope, () -> "request", value);
      case "response" -> responses(scope, value);
      case "auth" -> {
        int line = stream.line();
        parts.auth(scope, () -> "auth", stream.tree(), line);
      }
      case "event", "events" -> events(scope, value);
      case "variable", "variables" -> variables(scope, value);
      default -> stream.strings(RequestParts.where(scope, () -> field));
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
  void request(Scope scope, Supplier<String> prefix, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      parts.url(scope, () -> prefix.get() + ".url", parser.getText(), null, stream.line());
      return;
    }
    if (value != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      int line = stream.line();
      JsonNode node = stream.tree();
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

  /** Scripts: each event's {@code exec} as one text. */
  void events(Scope scope, JsonToken value) throws IOException {
    if (value != JsonToken.START_ARRAY) {
      stream.strings(RequestParts.where(scope, () -> "event"));
      return;
    }
    int index = 0;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      int line = stream.line();
      JsonNode event = stream.tree();
      String listen = event.path("listen").asText(String.valueOf(index));
      script(scope, listen, event.path("script").path("exec"), line);
      index++;
    }
  }

  /** A script is one text: a PEM key or a connection string spans its lines. */
  void script(Scope scope, String listen, JsonNode exec, int line) {
    List<String> lines = new ArrayList<>();
    exec.forEach(text -> lines.add(text.asText("")));
    String script = exec.isArray() ? String.join("\n", lines) : exec.asText("");
    detector.text(RequestParts.where(scope, () -> "event[" + listen + "].script"), line, script);
  }

  private void variables(Scope scope, JsonToken value) throws IOException {
    if (value != JsonToken.START_ARRAY) {
      stream.strings(RequestParts.where(scope, () -> "variable"));
      return;
    }
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      int line = stream.line();
      JsonNode variable = stream.tree();
      // The v1 converter's fallback: a variable without a key is named by its id.
      String key = variable.path("key").asText("");
      String name = key.isEmpty() ? variable.path("id").asText("") : key;
      JsonNode text = variable.get("value");
      if (text != null && text.isTextual()) {
        detector.variable(
            RequestParts.where(scope, () -> "variable[" + name + "]"),
            line,
            name,
            variable.path("type").asText(""),
            text.asText());
      } else if (text != null) {
        parts.texts(scope, () -> "variable[" + name + "]", text, line);
      }
    }
  }

  /** Saved examples: streamed, since their bodies are what makes collections large. */
  private void responses(Scope scope, JsonToken value) throws IOException {
    if (value != JsonToken.START_ARRAY) {
      stream.strings(RequestParts.where(scope, () -> "response"));
      return;
    }
    int index = 0;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        parser.skipChildren();
      } else {
        response(scope, index, "originalRequest", "body", "header");
      }
      index++;
    }
  }

  /**
   * One saved response, whose fields the v2 and v1 formats name differently: the request it
   * answers, its body and its headers.
   */
  void response(Scope scope, int index, String requestField, String bodyField, String headerField)
      throws IOException {
    String[] name = {null};
    int number = index + 1;
    Supplier<String> at =
        () -> "response[" + (name[0] == null || name[0].isBlank() ? "#" + number : name[0]) + "]";
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken fieldValue = parser.nextToken();
      if (field.equals("name")) {
        name[0] = fieldValue == JsonToken.VALUE_STRING ? parser.getText() : null;
        parser.skipChildren();
      } else if (field.equals(requestField)) {
        request(scope, () -> at.get() + "." + requestField, fieldValue);
      } else if (field.equals(headerField) && fieldValue == JsonToken.START_ARRAY) {
        int line = stream.line();
        for (JsonNode header : stream.tree()) {
          String key = header.path("key").asText("");
          if (header.path("value").isTextual()) {
            detector.text(
                RequestParts.where(scope, () -> at.get() + ".header[" + key + "]"),
                line,
                header.get("value").asText());
          }
        }
      } else if (field.equals(bodyField) && fieldValue == JsonToken.VALUE_STRING) {
        detector.body(
            RequestParts.where(scope, () -> at.get() + ".body"), stream.line(), parser.getText());
      } else {
        stream.strings(RequestParts.where(scope, () -> at.get() + "." + field));
      }
    }
  }
}
