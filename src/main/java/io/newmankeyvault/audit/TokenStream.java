package io.newmankeyvault.audit;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * The parser of one document with what every walker needs from it: the current line, the value it
 * stands on as a small tree, or every string of that value handed to the detector as text. One per
 * document; not thread-safe.
 */
final class TokenStream {
  private final JsonParser parser;
  private final Detector detector;

  TokenStream(JsonParser parser, Detector detector) {
    this.parser = parser;
    this.detector = detector;
  }

  JsonParser parser() {
    return parser;
  }

  /** The line where the current token starts, or 0 when unknown (a downloaded tree). */
  int line() {
    JsonLocation location = parser.currentTokenLocation();
    return location == null ? 0 : Math.max(0, location.getLineNr());
  }

  /** The value the parser stands on, as a tree (never null). */
  JsonNode tree() throws IOException {
    JsonNode node = parser.readValueAsTree();
    return node == null ? MissingNode.getInstance() : node;
  }

  /**
   * Streams every string of the value the parser stands on into the token shapes, and leaves the
   * parser at its end: large values (saved responses) are never held.
   */
  void strings(Supplier<String> where) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      detector.text(where, line(), parser.getText());
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
        detector.text(where, line(), parser.getText());
      }
    }
  }
}
