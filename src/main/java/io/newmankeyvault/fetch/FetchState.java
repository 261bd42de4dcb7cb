package io.newmankeyvault.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.base.Json;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What the last fetch into a directory downloaded: per document kind its Postman id and the ETag
 * the API sent with it, in {@code DIR/.newman-keyvault-fetch.json}. Unreadable or absent state
 * means downloading again; it holds ids and ETags only, never content.
 */
final class FetchState {
  static final String FILE = ".newman-keyvault-fetch.json";

  private final ObjectNode documents;

  private FetchState(ObjectNode documents) {
    this.documents = documents;
  }

  static FetchState read(Path directory) {
    try {
      JsonNode root = Json.MAPPER.readTree(directory.resolve(FILE).toFile());
      if (root instanceof ObjectNode object) {
        return new FetchState(object);
      }
    } catch (IOException e) {
      // no state yet, or not ours: download
    }
    return new FetchState(Json.MAPPER.createObjectNode());
  }

  /** The ETag of the last download of {@code kind} {@code id}, or null. */
  String etag(String kind, String id) {
    JsonNode entry = documents.path(kind);
    return entry.path("id").asText("").equals(id) && entry.path("etag").isTextual()
        ? entry.path("etag").asText()
        : null;
  }

  void remember(String kind, String id, String etag) {
    if (etag == null) {
      documents.remove(kind);
    } else {
      documents.putObject(kind).put("id", id).put("etag", etag);
    }
  }

  void write(Path directory) throws IOException {
    Json.MAPPER
        .writerWithDefaultPrettyPrinter()
        .writeValue(directory.resolve(FILE).toFile(), documents);
  }
}
