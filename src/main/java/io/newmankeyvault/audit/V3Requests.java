package io.newmankeyvault.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A v3 request file ({@code $kind: http-request}), a saved example ({@code $kind: http-example})
 * and scripts, turned into the v2.1 shapes {@link RequestParts} reads: headers and query parameters
 * given as a map ({@code NAME: value}) become {@code [{key, value}]}, {@code auth: {type,
 * credentials}} becomes {@code {TYPE: {FIELD: value}}}, {@code body: {type, content}} becomes the
 * body mode of that name ({@code raw} for json, text, xml, ...). The values are the YAML tree's own
 * nodes, so each keeps its line.
 */
final class V3Requests {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Detector detector;
  private final RequestParts parts;

  V3Requests(Detector detector, RequestParts parts) {
    this.detector = detector;
    this.parts = parts;
  }

  /** A {@code NAME.request.yaml}: the request's parts and scripts. */
  void request(Scope scope, YamlTree tree) {
    JsonNode node = tree.root();
    if (node.path("name").isTextual()) {
      scope.name(node.get("name").asText());
    }
    request(scope, () -> "request", node, tree);
    if (node.has("scripts")) {
      scripts(scope, node.get("scripts"), tree);
    }
  }

  /**
   * A request's fields under {@code prefix} ({@code request}, {@code response[X].originalRequest}).
   */
  private void request(Scope scope, Supplier<String> prefix, JsonNode node, YamlTree tree) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      int line = tree.line(value, 1);
      Supplier<String> at = () -> prefix.get() + "." + key;
      switch (key) {
        case "$kind", "order", "name", "method", "examples", "scripts", "queryParams" -> {
          // bookkeeping, the request's name, or read with another field
        }
        case "url" -> {
          JsonNode query = node.get("queryParams");
          parts.url(scope, at, value.asText(""), query == null ? null : entries(query), line);
        }
        case "headers" ->
            parts.headers(scope, () -> prefix.get() + ".header", entries(value), line);
        case "auth" -> parts.auth(scope, at, auth(value), line);
        case "body" -> parts.body(scope, at, body(value), line);
        case "pathVariables" ->
            parts.texts(scope, () -> prefix.get() + ".url.variable", value, line);
        default -> parts.texts(scope, at, value, line);
      }
    }
  }

  /** A saved example: the request it answers, then the response's headers and body. */
  void example(Scope scope, String fileName, YamlTree tree) {
    JsonNode node = tree.root();
    String name = node.path("name").isTextual() ? node.get("name").asText() : fileName;
    Supplier<String> at = () -> "response[" + (name.isBlank() ? "#1" : name) + "]";
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      int line = tree.line(value, 1);
      switch (key) {
        case "$kind", "order", "name" -> {
          // bookkeeping
        }
        case "request" -> request(scope, () -> at.get() + ".originalRequest", value, tree);
        case "response" -> response(scope, at, value, tree);
        default -> parts.texts(scope, () -> at.get() + "." + key, value, line);
      }
    }
  }

  private void response(Scope scope, Supplier<String> at, JsonNode response, YamlTree tree) {
    for (Map.Entry<String, JsonNode> field : response.properties()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      int line = tree.line(value, 1);
      if (key.equals("headers")) {
        for (JsonNode header : entries(value)) {
          String name = header.path("key").asText("");
          JsonNode text = header.get("value");
          if (text != null && text.isTextual()) {
            detector.text(
                RequestParts.where(scope, () -> at.get() + ".header[" + name + "]"),
                tree.line(text, line),
                text.asText());
          }
        }
      } else if (key.equals("body") && value.path("content").isTextual()) {
        JsonNode content = value.get("content");
        detector.body(
            RequestParts.where(scope, () -> at.get() + ".body"),
            tree.line(content, line),
            content.asText());
      } else if (key.equals("body") && value.isTextual()) {
        detector.body(RequestParts.where(scope, () -> at.get() + ".body"), line, value.asText());
      } else {
        parts.texts(scope, () -> at.get() + "." + key, value, line);
      }
    }
  }

  /** Scripts: {@code [{type, code, language}]}, each code one text, named as v2's events are. */
  void scripts(Scope scope, JsonNode scripts, YamlTree tree) {
    if (!scripts.isArray()) {
      parts.texts(scope, () -> "event", scripts, tree.line(scripts, 1));
      return;
    }
    int index = 0;
    for (JsonNode script : scripts) {
      String listen = listen(script.path("type").asText(String.valueOf(index)));
      JsonNode code = script.path("code");
      List<String> lines = new ArrayList<>();
      code.forEach(text -> lines.add(text.asText("")));
      String text = code.isArray() ? String.join("\n", lines) : code.asText("");
      detector.text(
          RequestParts.where(scope, () -> "event[" + listen + "].script"),
          tree.line(code, tree.line(script, 1)),
          text);
      index++;
    }
  }

  /** v3's script types by v2's event names: {@code afterResponse} is {@code test}. */
  private static String listen(String type) {
    String bare = type.substring(type.indexOf(':') + 1); // http:beforeRequest
    return switch (bare) {
      case "beforeRequest" -> "prerequest";
      case "afterResponse" -> "test";
      default -> type;
    };
  }

  /** {@code NAME: value} as {@code [{key, value}]}; a list of entries as it is. */
  static JsonNode entries(JsonNode map) {
    if (!map.isObject()) {
      return map;
    }
    ArrayNode list = NODES.arrayNode();
    for (Map.Entry<String, JsonNode> field : map.properties()) {
      JsonNode value = field.getValue();
      if (value.isObject()) { // an entry keyed by its name
        ObjectNode entry = ((ObjectNode) value).deepCopy();
        entry.put("key", field.getKey());
        entry.set("value", value.get("value"));
        list.add(entry);
      } else {
        list.addObject().put("key", field.getKey()).set("value", value);
      }
    }
    return list;
  }

  /** {@code {type, credentials}} as {@code {TYPE: credentials}}; anything else as it is. */
  static JsonNode auth(JsonNode auth) {
    if (!auth.isObject() || !auth.path("type").isTextual()) {
      return auth;
    }
    ObjectNode v2 = NODES.objectNode();
    JsonNode credentials = auth.get("credentials");
    if (credentials != null) {
      v2.set(auth.get("type").asText(), credentials);
    }
    return v2;
  }

  /** {@code {type, content}} as the v2 body mode of that type: {@code raw} for text types. */
  private static JsonNode body(JsonNode body) {
    if (!body.isObject()) {
      return NODES.objectNode().set("raw", body);
    }
    String type = body.path("type").asText("");
    ObjectNode v2 = NODES.objectNode();
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (key.equals("type")) {
        continue;
      }
      if (!key.equals("content")) {
        v2.set(key, value);
      } else if (type.equals("urlencoded") || type.equals("formdata")) {
        v2.set(type, entries(value));
      } else if (type.equals("graphql") || type.equals("file")) {
        v2.set(type, value);
      } else if (value.isTextual()) {
        v2.set("raw", value); // json, text, xml, html, javascript
      } else {
        v2.set(type.isEmpty() ? "content" : type, value);
      }
    }
    return v2;
  }
}
