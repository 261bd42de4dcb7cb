package io.newmankeyvault.postman;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.base.UserFacingException;
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
    ObjectNode environment = Json.MAPPER.createObjectNode();
    environment.put("name", "newman-keyvault");
    environment.putArray("values");
    return environment;
  }

  /** Reads and checks an environment file; bad input is a {@link UserFacingException} (exit 2). */
  public static ObjectNode load(Path path) {
    return load(path, "environment");
  }

  /**
   * Reads and checks a globals file, which has an environment's shape ({@code {"globals": ...}}
   * unwrapped as Newman does); bad input is a {@link UserFacingException} (exit 2).
   */
  public static ObjectNode loadGlobals(Path path) {
    return load(path, "globals");
  }

  private static ObjectNode load(Path path, String type) {
    String what = type + " file " + path;
    if (Files.isDirectory(path) && V3Collection.isV3(path)) {
      throw UserFacingException.usage(
          (type.equals("globals") ? "-g " : "-e ")
              + path
              + " is a Postman v3 collection folder, not "
              + (type.equals("globals") ? "globals" : "an environment")
              + ": pass it with -c");
    }
    if (Files.isDirectory(path)) {
      throw UserFacingException.usage("cannot read " + what + ": it is a directory");
    }
    JsonNode root;
    if (PostmanYaml.isYaml(path)) {
      root = PostmanYaml.read(path, what); // Postman v12's *.environment.yaml: the same shape
    } else {
      try (InputStream in = Files.newInputStream(path)) {
        root = Json.MAPPER.readTree(in);
      } catch (IOException e) {
        throw PostmanJson.readError(what, e);
      }
    }
    JsonNode source = unwrap(root, type);
    String kind = kindOf(source);
    if (kind != null
        && !kind.equals(type)
        && !(type.equals("globals") && kind.equals("environment"))) {
      String option = type.equals("globals") ? "-g " : "-e ";
      throw UserFacingException.usage(
          option
              + path
              + " is "
              + (kind.equals("globals") ? "Postman globals" : "a Postman " + kind)
              + ", not "
              + (type.equals("globals") ? "globals" : "an environment")
              + ": pass it with "
              + (kind.equals("collection") ? "-c" : "-g"));
    }
    return check(source, what);
  }

  /**
   * What a Postman JSON document is, by the fields Postman and Newman go by: "collection" (info,
   * item, v1's requests and order, or an API answer's collection), "globals" or "environment"
   * (Postman's {@code _postman_variable_scope}, else a values array); null when it tells nothing.
   */
  public static String kindOf(JsonNode document) {
    if (document == null || !document.isObject()) {
      return null;
    }
    String v3Kind = document.path("$kind").asText("");
    if (v3Kind.equals("collection") || v3Kind.endsWith("-request")) {
      return "collection"; // a file of a Postman v12 collection folder
    }
    for (String field : new String[] {"info", "item", "requests", "order", "collection"}) {
      if (document.has(field)) {
        return "collection";
      }
    }
    String scope = document.path("_postman_variable_scope").asText("");
    if (scope.equals("globals") || scope.equals("environment")) {
      return scope;
    }
    return document.path("values").isArray() || document.path("environment").isObject()
        ? "environment"
        : null;
  }

  /**
   * The environment inside a Postman API answer ({@code {"environment": {...}}}), or the node
   * itself: the unwrapping Newman does (extractModel in its lib/run/options.js).
   */
  public static JsonNode unwrap(JsonNode root) {
    return unwrap(root, "environment");
  }

  private static JsonNode unwrap(JsonNode root, String type) {
    JsonNode source = root;
    if (source != null && source.isObject() && source.path(type).isObject()) {
      source = source.get(type);
    }
    if (source != null
        && source.isObject()
        && !source.has("values")
        && source.path(type).isObject()) {
      source = source.get(type);
    }
    return source;
  }

  /**
   * The environment in the shape the tool works on, accepting every shape Newman loads: an object
   * (its {@code values}, when they are an array, are the entries; otherwise it has none) or an
   * array of entries. Entries that are not objects with a string {@code key} are kept as they are,
   * and Newman ignores them as it always does. Anything else is a {@link UserFacingException} (exit
   * 2): Newman cannot load it either.
   */
  public static ObjectNode check(JsonNode environment, String what) {
    if (environment != null && environment.isArray()) {
      ObjectNode wrapped = Json.MAPPER.createObjectNode();
      wrapped.set("values", environment);
      return wrapped;
    }
    if (environment == null || !environment.isObject()) {
      throw UserFacingException.usage(
          what + " is not a Postman environment (one JSON object): export it from Postman");
    }
    ObjectNode object = (ObjectNode) environment;
    if (!object.path("values").isArray()) {
      object = object.deepCopy();
      object.putArray("values"); // Newman sees no entries in it either
    }
    return object;
  }

  /** Whether Newman sees an entry as a variable at all: an object with a string key. */
  public static boolean isVariable(JsonNode entry) {
    return entry.isObject() && entry.path("key").isTextual();
  }
}
