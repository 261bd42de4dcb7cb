package io.newmankeyvault.reports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.newmankeyvault.base.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a Newman run did, read from its JSON report: the totals and the failed assertions. Only
 * {@code run.stats} and {@code run.failures} are read (as a stream), not the bodies around them.
 *
 * @param requests requests sent
 * @param requestsFailed requests that failed (network errors)
 * @param assertions assertions checked
 * @param assertionsFailed assertions that failed
 * @param failures each failure, in order
 */
public record NewmanResults(
    int requests,
    int requestsFailed,
    int assertions,
    int assertionsFailed,
    List<Failure> failures) {

  /**
   * One failure.
   *
   * @param item the request's name, with its folders ({@code Users / Create user})
   * @param test the test's name, or the error's kind when it is not an assertion
   * @param message the error message (may quote values: redact before printing)
   */
  public record Failure(String item, String test, String message) {}

  /** Reads a Newman JSON report; empty when it is not one. */
  public static Optional<NewmanResults> parse(InputStream report) {
    try (JsonParser parser = Json.MAPPER.createParser(report)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("run") && value == JsonToken.START_OBJECT) {
          return Optional.of(readRun(parser));
        }
        parser.skipChildren();
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static NewmanResults readRun(JsonParser parser) throws IOException {
    JsonNode stats = null;
    JsonNode failures = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      if (field.equals("stats")) {
        stats = parser.readValueAsTree();
      } else if (field.equals("failures")) {
        failures = parser.readValueAsTree();
      } else {
        parser.skipChildren();
      }
    }
    List<Failure> list = new ArrayList<>();
    if (failures != null) {
      for (JsonNode failure : failures) {
        JsonNode error = failure.path("error");
        String test = error.path("test").asText("");
        list.add(
            new Failure(
                itemPath(failure),
                test.isEmpty() ? error.path("name").asText("Error") : test,
                error.path("message").asText("")));
      }
    }
    JsonNode s = stats == null ? Json.MAPPER.createObjectNode() : stats;
    return new NewmanResults(
        s.path("requests").path("total").asInt(),
        s.path("requests").path("failed").asInt(),
        s.path("assertions").path("total").asInt(),
        s.path("assertions").path("failed").asInt(),
        List.copyOf(list));
  }

  /** "Folder / Request": the parent's name when it is a folder, then the source's. */
  private static String itemPath(JsonNode failure) {
    String item = failure.path("source").path("name").asText("");
    JsonNode parentNode = failure.path("parent");
    // A request at the top level has the collection itself as its parent: no folder to show.
    String parent = parentNode.has("info") ? "" : parentNode.path("name").asText("");
    return parent.isEmpty() || parent.equals(item) ? item : parent + " / " + item;
  }
}
