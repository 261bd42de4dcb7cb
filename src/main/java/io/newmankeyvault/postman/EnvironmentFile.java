package io.newmankeyvault.postman;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.UserFacingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a Postman environment file (or a Postman API answer {@code {"environment":...}}) into a
 * tree: environments are small, and hydration rewrites them.
 */
public final class EnvironmentFile {
  private EnvironmentFile() {}

  /** An environment with no variables, for runs without {@code --environment}. */
  public static ObjectNode empty() {
    ObjectNode environment = PostmanJson.MAPPER.createObjectNode();
    environment.put("name", "newman-keyvault");
    environment.putArray("values");
    return environment;
  }

  /** Reads and checks an environment file; bad input is a {@link UserFacingException} (exit 2). */
  public static ObjectNode load(Path path) {
    String what = "environment file " + path;
    if (Files.isDirectory(path)) {
      throw UserFacingException.usage("cannot read " + what + ": it is a directory");
    }
    JsonNode root;
    try (InputStream in = Files.newInputStream(path)) {
      root = PostmanJson.MAPPER.readTree(in);
    } catch (IOException e) {
      throw PostmanJson.readError(what, e);
    }
    return check(unwrap(root), what);
  }

  /** The environment inside a Postman API answer, or the node itself. */
  public static JsonNode unwrap(JsonNode root) {
    if (root != null && root.isObject() && !root.has("values") && root.path("environment").isObject()) {
      return root.get("environment");
    }
    return root;
  }

  /** Checks the shape Newman relies on: an object with a {@code values} array of keyed entries. */
  public static ObjectNode check(JsonNode environment, String what) {
    if (environment == null || !environment.isObject() || !environment.path("values").isArray()) {
      throw UserFacingException.usage(
          what + " is not a Postman environment (it needs a values array): export it from Postman");
    }
    int index = 0;
    for (JsonNode entry : environment.get("values")) {
      if (!entry.isObject() || !entry.path("key").isTextual()) {
        throw UserFacingException.usage(
            what + ": values[" + index + "] has no key: each entry needs \"key\" and \"value\"");
      }
      index++;
    }
    return (ObjectNode) environment;
  }
}
