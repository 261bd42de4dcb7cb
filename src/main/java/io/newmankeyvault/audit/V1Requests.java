package io.newmankeyvault.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.base.Json;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code requests} of a Postman Collection v1, which Newman still runs (it converts them): each
 * request is named by its own name, and its fields are read as their v2 counterparts, so findings
 * name the same places ({@code request.header[...]}, {@code request.body.formdata[...]}, {@code
 * request.auth.basic.password}, {@code event[test].script}, {@code response[...].body}). Saved
 * responses are streamed. One per document; not thread-safe.
 */
final class V1Requests {
  /** v1's auth helpers and the v2 auth types they became. */
  private static final Map<String, String> HELPERS =
      Map.of(
          "basicAuth", "basic",
          "digestAuth", "digest",
          "oAuth1", "oauth1",
          "oAuth2", "oauth2",
          "hawkAuth", "hawk",
          "awsSigV4", "awsv4",
          "ntlmAuth", "ntlm",
          "bearerAuth", "bearer");

  private final TokenStream stream;
  private final JsonParser parser;
  private final Detector detector;
  private final RequestParts parts;
  private final CollectionWalker walker;

  V1Requests(TokenStream stream, Detector detector, RequestParts parts, CollectionWalker walker) {
    this.stream = stream;
    this.parser = stream.parser();
    this.detector = detector;
    this.parts = parts;
    this.walker = walker;
  }

  /** Reads the {@code requests} array the parser stands on. */
  void walk(Scope root) throws IOException {
    int index = 0;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (parser.currentToken() == JsonToken.START_OBJECT) {
        request(root.child(index));
      } else {
        parser.skipChildren();
      }
      index++;
    }
  }

  private void request(Scope scope) throws IOException {
    // The helper's type may come after its attributes: both are kept until the request ends.
    String helper = null;
    JsonNode helperAttributes = null;
    int helperLine = 0;
    String dataMode = "formdata";
    JsonNode data = null;
    int dataLine = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("responses") && value == JsonToken.START_ARRAY) {
        responses(scope);
        continue;
      }
      int line = stream.line();
      JsonNode node = stream.tree();
      Supplier<String> at = () -> "request." + field;
      switch (field) {
        case "name" -> scope.name(node.asText(""));
        case "url" -> parts.url(scope, () -> "request.url", node.asText(""), null, line);
        case "headers", "headerData" -> parts.headers(scope, () -> "request.header", node, line);
        case "queryParams" -> parts.url(scope, () -> "request.url", "", node, line);
        case "rawModeData" ->
            detector.body(
                RequestParts.where(scope, () -> "request.body.raw"), line, node.asText(""));
        case "auth" -> parts.auth(scope, () -> "request.auth", node, line);
        case "preRequestScript" -> walker.script(scope, "prerequest", node, line);
        case "tests" -> walker.script(scope, "test", node, line);
        case "events" ->
            node.forEach(
                event ->
                    walker.script(
                        scope,
                        event.path("listen").asText(""),
                        event.path("script").path("exec"),
                        line));
        case "currentHelper" -> helper = node.asText(null);
        case "helperAttributes" -> {
          helperAttributes = node;
          helperLine = line;
        }
        case "dataMode" ->
            dataMode = node.asText("").equals("urlencoded") ? "urlencoded" : "formdata";
        case "data" -> {
          data = node;
          dataLine = line;
        }
        default -> parts.texts(scope, at, node, line);
      }
    }
    if (data != null) {
      ObjectNode body = Json.MAPPER.createObjectNode();
      body.set(data.isArray() ? dataMode : "raw", data);
      parts.body(scope, () -> "request.body", body, dataLine);
    }
    if (helperAttributes != null) {
      ObjectNode auth = Json.MAPPER.createObjectNode();
      auth.set(HELPERS.getOrDefault(helper, String.valueOf(helper)), helperAttributes);
      parts.auth(scope, () -> "request.auth", auth, helperLine);
    }
  }

  /** v1 saved responses: {@code text} is the body, {@code headers} the headers. */
  private void responses(Scope scope) throws IOException {
    int index = 0;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (parser.currentToken() == JsonToken.START_OBJECT) {
        walker.response(scope, index, "request", "text", "headers");
      } else {
        parser.skipChildren();
      }
      index++;
    }
  }
}
