package io.newmankeyvault.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Walks a Postman environment in every shape {@code run} accepts: an object whose {@code values}
 * are the variables (or none), a Postman API answer {@code {"environment": ...}}, or an array of
 * entries. Entries are read one at a time, so each keeps its line for SARIF; an entry that is no
 * variable (Newman ignores it) is still read for token shapes. One per document; not thread-safe.
 */
final class EnvironmentWalker {
  private final JsonParser parser;
  private final TokenStream stream;
  private final Detector detector;

  // What the walk finds besides the detector's findings, returned by walk().
  private String name = "";
  private String id;

  /** What a walk found out about the environment itself. */
  record Walked(String name, String id) {}

  EnvironmentWalker(JsonParser parser, Detector detector) {
    this.parser = parser;
    this.stream = new TokenStream(parser, detector);
    this.detector = detector;
  }

  /** Reads the environment the parser stands on (its START_OBJECT or START_ARRAY). */
  Walked walk() throws IOException {
    if (parser.currentToken() == JsonToken.START_ARRAY) {
      values();
    } else {
      walk(true);
    }
    return new Walked(name, id);
  }

  private void walk(boolean top) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (top && field.equals("environment") && value == JsonToken.START_OBJECT) {
        walk(false);
      } else if (field.equals("name") && value == JsonToken.VALUE_STRING) {
        name = parser.getText();
      } else if (field.equals("id") && value == JsonToken.VALUE_STRING) {
        id = parser.getText();
      } else if (field.equals("values") && value == JsonToken.START_ARRAY) {
        values();
      } else {
        stream.strings(() -> label() + " › " + field);
      }
    }
  }

  private void values() throws IOException {
    int index = 0;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      int line = stream.line();
      JsonNode entry = stream.tree();
      JsonNode value = entry.get("value");
      if (entry.path("key").isTextual() && value != null && value.isTextual()) {
        String key = entry.get("key").asText();
        // Disabled entries are checked too: they are stored in clear all the same.
        detector.variable(
            () -> label() + " › values[" + key + "]",
            line,
            key,
            // Postman v12's YAML marks a masked variable secret: true (JSON: type "secret").
            entry.path("type").asText(entry.path("secret").asBoolean(false) ? "secret" : ""),
            value.asText());
      } else {
        int number = index + 1;
        strings(entry, () -> label() + " › values[#" + number + "]", line);
      }
      index++;
    }
  }

  /** Every string of a small tree, as text. */
  private void strings(JsonNode node, Supplier<String> where, int line) {
    if (node.isTextual()) {
      detector.text(where, line, node.asText());
    }
    node.forEach(child -> strings(child, where, line));
  }

  /** {@code environment NAME}, with the name known once the document is read. */
  private String label() {
    return ("environment " + (name.isBlank() ? (id == null ? "" : id) : name)).strip();
  }
}
