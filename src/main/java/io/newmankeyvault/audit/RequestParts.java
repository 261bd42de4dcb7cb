package io.newmankeyvault.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The small parts of a request, read as trees, handed to the {@link Detector} with their locations:
 * headers, URLs and their parameters, auth blocks, bodies, and any other strings.
 */
final class RequestParts {
  private final Detector detector;
  private YamlTree lines; // the YAML file being walked: each value's own line

  RequestParts(Detector detector) {
    this.detector = detector;
  }

  /** The YAML file the next parts come from (their values carry lines), or null for JSON. */
  void lines(YamlTree tree) {
    this.lines = tree;
  }

  /** The line of a value of a YAML file, else the line of the part that holds it. */
  private int line(JsonNode value, int fallback) {
    return lines == null ? fallback : lines.line(value, fallback);
  }

  void headers(Scope scope, Supplier<String> at, JsonNode headers, int line) {
    if (headers.isTextual()) {
      // v2.0 allows "Key: value" lines.
      for (String header : headers.asText().split("\n")) {
        int colon = header.indexOf(':');
        if (colon > 0) {
          String key = header.substring(0, colon).strip();
          detector.header(
              where(scope, () -> at.get() + "[" + key + "]"),
              line,
              key,
              header.substring(colon + 1).strip());
        }
      }
      return;
    }
    int index = 0;
    for (JsonNode header : headers) {
      String key = header.path("key").asText("");
      String label = key.isEmpty() ? String.valueOf(index) : key;
      if (header.path("value").isTextual()) {
        detector.header(
            where(scope, () -> at.get() + "[" + label + "]"),
            line(header.get("value"), line),
            key,
            header.get("value").asText());
      }
      index++;
    }
  }

  /**
   * A URL: its parameters (from the query array when there is one, else from the raw text) go
   * through the parameter rule one by one, the rest of it through the token shapes; a SAS signature
   * is recognised from its sv= and sig= parameters.
   */
  void url(Scope scope, Supplier<String> at, String raw, JsonNode query, int line) {
    int mark = raw.indexOf('?');
    String path = mark < 0 ? raw : raw.substring(0, mark);
    List<Map.Entry<String, String>> parameters = new ArrayList<>();
    List<Integer> parameterLines = new ArrayList<>();
    boolean fromRaw = query == null || !query.isArray() || query.isEmpty();
    if (fromRaw) {
      if (mark >= 0) {
        for (String pair : raw.substring(mark + 1).split("[&#]")) {
          int eq = pair.indexOf('=');
          parameters.add(
              Map.entry(
                  eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1)));
          parameterLines.add(line);
        }
      }
    } else {
      for (JsonNode parameter : query) {
        if (parameter.path("value").isTextual()) {
          parameters.add(
              Map.entry(parameter.path("key").asText(""), parameter.get("value").asText()));
          parameterLines.add(line(parameter.get("value"), line));
        }
      }
    }
    Supplier<String> rawAt = fromRaw ? at : () -> at.get() + ".raw";
    detector.text(where(scope, rawAt), line, path);
    for (int i = 0; i < parameters.size(); i++) {
      Map.Entry<String, String> parameter = parameters.get(i);
      Supplier<String> parameterAt =
          fromRaw
              ? () -> at.get() + "?" + parameter.getKey()
              : () -> at.get() + ".query[" + parameter.getKey() + "]";
      detector.queryParameter(
          where(scope, parameterAt),
          parameterLines.get(i),
          parameter.getKey(),
          parameter.getValue());
    }
    detector.sas(
        where(scope, fromRaw ? () -> at.get() + "?sig" : () -> at.get() + ".query[sig]"),
        line,
        parameters);
  }

  void auth(Scope scope, Supplier<String> at, JsonNode auth, int line) {
    if (!auth.isObject()) {
      texts(scope, at, auth, line);
      return;
    }
    auth.fields()
        .forEachRemaining(
            entry -> {
              String typeName = entry.getKey();
              JsonNode fields = entry.getValue();
              AuthFields.Type type = AuthFields.type(typeName);
              Supplier<String> typeAt = () -> at.get() + "." + typeName;
              if (fields.isArray()) { // v2.1: [{"key": "password", "value": "..."}]
                for (JsonNode field : fields) {
                  String key = field.path("key").asText("");
                  JsonNode value = field.get("value");
                  if (value != null && value.isTextual()) {
                    detector.authField(
                        where(scope, () -> typeAt.get() + "." + key),
                        line(value, line),
                        type,
                        key,
                        value.asText());
                  } else if (value != null) {
                    texts(scope, () -> typeAt.get() + "." + key, value, line);
                  }
                }
              } else if (fields.isObject()) { // v2.0: {"password": "..."}
                fields
                    .fields()
                    .forEachRemaining(
                        field -> {
                          if (field.getValue().isTextual()) {
                            detector.authField(
                                where(scope, () -> typeAt.get() + "." + field.getKey()),
                                line(field.getValue(), line),
                                type,
                                field.getKey(),
                                field.getValue().asText());
                          } else {
                            texts(
                                scope,
                                () -> typeAt.get() + "." + field.getKey(),
                                field.getValue(),
                                line);
                          }
                        });
              }
            });
  }

  /**
   * A request body: form fields one by one, a raw body (JSON, urlencoded, XML) and GraphQL
   * variables field by field, anything else as text.
   */
  void body(Scope scope, Supplier<String> at, JsonNode body, int line) {
    body.fields()
        .forEachRemaining(
            entry -> {
              String mode = entry.getKey();
              JsonNode value = entry.getValue();
              Supplier<String> modeAt = () -> at.get() + "." + mode;
              if ((mode.equals("urlencoded") || mode.equals("formdata")) && value.isArray()) {
                formFields(scope, modeAt, value, line);
              } else if (mode.equals("raw") && value.isTextual()) {
                detector.body(where(scope, modeAt), line(value, line), value.asText());
              } else if (mode.equals("graphql") && value.path("variables").isTextual()) {
                detector.body(
                    where(scope, () -> modeAt.get() + ".variables"),
                    line(value.get("variables"), line),
                    value.get("variables").asText());
                texts(scope, () -> modeAt.get() + ".query", value.path("query"), line);
              } else {
                texts(scope, modeAt, value, line);
              }
            });
  }

  private void formFields(Scope scope, Supplier<String> at, JsonNode fields, int line) {
    for (JsonNode field : fields) {
      String key = field.path("key").asText("");
      if (field.path("value").isTextual()) {
        detector.formField(
            where(scope, () -> at.get() + "[" + key + "]"),
            line(field.get("value"), line),
            key,
            field.get("value").asText());
      } else {
        texts(scope, () -> at.get() + "[" + key + "]", field, line);
      }
    }
  }

  /** Every string in a small tree, with a JSON-ish path ({@code [key]} for keyed lists). */
  void texts(Scope scope, Supplier<String> at, JsonNode node, int line) {
    if (node.isTextual()) {
      detector.text(where(scope, at), line(node, line), node.asText());
    } else if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e -> texts(scope, () -> at.get() + "." + e.getKey(), e.getValue(), line));
    } else if (node.isArray()) {
      int index = 0;
      for (JsonNode child : node) {
        String label =
            child.path("key").isTextual() ? child.get("key").asText() : String.valueOf(index);
        texts(scope, () -> at.get() + "[" + label + "]", child, line);
        index++;
      }
    }
  }

  /** A finding's location: the item path, then the field. */
  static Supplier<String> where(Scope scope, Supplier<String> field) {
    return () -> scope.path() + " › " + field.get();
  }
}
