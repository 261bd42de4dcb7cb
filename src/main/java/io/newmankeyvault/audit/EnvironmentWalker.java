package io.newmankeyvault.audit;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.newmankeyvault.base.UserFacingException;
import java.io.IOException;

/**
 * Walks a Postman environment (or a Postman API answer {@code {"environment":...}}): each entry of
 * {@code values} is a variable. Entries are read one at a time, so each keeps its line for SARIF.
 * One per document; not thread-safe.
 */
final class EnvironmentWalker {
  private final JsonParser parser;
  private final Detector detector;
  private final String what;

  // What the walk finds besides the detector's findings, returned by walk().
  private String name = "";
  private String id;
  private boolean sawValues;

  /** What a walk found out about the environment itself. */
  record Walked(String name, String id, boolean sawValues) {}

  /**
   * @param what how errors name the document, e.g. {@code environment file staging.json}
   */
  EnvironmentWalker(JsonParser parser, Detector detector, String what) {
    this.parser = parser;
    this.detector = detector;
    this.what = what;
  }

  /** Reads the environment object the parser stands on (its START_OBJECT). */
  Walked walk() throws IOException {
    walk(true);
    return new Walked(name, id, sawValues);
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
        sawValues = true;
        values();
      } else {
        parser.skipChildren();
      }
    }
  }

  private void values() throws IOException {
    int index = 0;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      JsonLocation location = parser.currentTokenLocation();
      int line = location == null ? 0 : Math.max(0, location.getLineNr());
      JsonNode entry = parser.readValueAsTree();
      if (entry == null || !entry.isObject() || !entry.path("key").isTextual()) {
        throw UserFacingException.usage(
            what + ": values[" + index + "] has no key: each entry needs \"key\" and \"value\"");
      }
      String key = entry.get("key").asText();
      JsonNode value = entry.get("value");
      if (value != null && value.isTextual()) {
        // Disabled entries are checked too: they are stored in clear all the same.
        detector.variable(
            () -> label() + " › values[" + key + "]",
            line,
            key,
            entry.path("type").asText(""),
            value.asText());
      }
      index++;
    }
  }

  /** {@code environment NAME}, with the name known once the document is read. */
  private String label() {
    return ("environment " + (name.isBlank() ? (id == null ? "" : id) : name)).strip();
  }
}
