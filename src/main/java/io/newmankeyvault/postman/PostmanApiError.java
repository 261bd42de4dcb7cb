package io.newmankeyvault.postman;

import com.fasterxml.jackson.databind.JsonNode;
import io.newmankeyvault.base.Json;
import java.io.IOException;

/**
 * The error body of a Postman API answer, in either of its shapes: {@code
 * {"error":{"name","message"}}} or RFC 7807 {@code {"type","title","detail","status"}}.
 *
 * @param name the error's name or type, e.g. {@code AuthenticationError}; empty when unknown
 * @param message the error's message or detail, on one line and at most 200 characters
 */
record PostmanApiError(String name, String message) {
  private static final int MAX_MESSAGE = 200;

  static PostmanApiError parse(byte[] body) {
    JsonNode root;
    try {
      root = body.length == 0 ? null : Json.MAPPER.readTree(body);
    } catch (IOException e) {
      root = null;
    }
    if (root == null || !root.isObject()) {
      return new PostmanApiError("", "");
    }
    JsonNode error = root.path("error");
    if (error.isObject()) {
      return new PostmanApiError(text(error.path("name")), text(error.path("message")));
    }
    String type = text(root.path("type"));
    // RFC 7807 types are URLs; their last segment is the name (".../serviceLimitExhausted").
    String name = type.contains("/") ? type.substring(type.lastIndexOf('/') + 1) : type;
    if (name.isEmpty()) {
      name = text(root.path("title"));
    }
    String detail = text(root.path("detail"));
    return new PostmanApiError(name, detail.isEmpty() ? text(root.path("title")) : detail);
  }

  private static String text(JsonNode node) {
    if (!node.isTextual()) {
      return "";
    }
    String oneLine = node.asText().replaceAll("\\s+", " ").strip();
    return oneLine.length() > MAX_MESSAGE ? oneLine.substring(0, MAX_MESSAGE) + "..." : oneLine;
  }

  /** The monthly quota: retrying cannot help until it resets. */
  boolean isQuotaExhausted() {
    return name.toLowerCase(java.util.Locale.ROOT).contains("servicelimitexhausted")
        || message.toLowerCase(java.util.Locale.ROOT).contains("servicelimitexhausted");
  }

  /** The 400 answer that Postman gives for some unknown ids. */
  boolean isNotFound() {
    String all = (name + " " + message).toLowerCase(java.util.Locale.ROOT);
    return all.contains("notfound") || all.contains("not found") || all.contains("could not find");
  }

  /** {@code " NAME"} or nothing, for messages like "401 AuthenticationError". */
  String nameSuffix() {
    return name.isEmpty() ? "" : " " + name;
  }

  /** What an error answer means for fetching {@code kind id}, in one line with what to do. */
  String explain(int status, String kind, String id) {
    String what = kind + " " + id;
    if (status == 401) {
      return "the Postman API rejected the API key (401"
          + nameSuffix()
          + ") while fetching "
          + what
          + ": check that POSTMAN_API_KEY (or --postman-api-key-file) holds a valid, unexpired key";
    }
    if (status == 403) {
      return "the Postman API denied access to "
          + what
          + " (403"
          + nameSuffix()
          + "): the key's user needs access to that "
          + kind;
    }
    if (status == 404 || (status == 400 && isNotFound())) {
      return kind
          + " "
          + id
          + " was not found in Postman ("
          + status
          + nameSuffix()
          + "): check the id, and that the key's user can see the "
          + kind;
    }
    if (status >= 300 && status < 400) {
      return "the Postman API answered "
          + status
          + " (a redirect) for "
          + what
          + ": redirects are not followed, so the key stays with "
          + "--postman-api-url; check that URL";
    }
    return "the Postman API answered "
        + status
        + nameSuffix()
        + " for "
        + what
        + (message().isEmpty() ? "" : ": " + message());
  }
}
