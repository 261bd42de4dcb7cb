package io.newmankeyvault.postman;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.newmankeyvault.base.UserFacingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Postman v12's YAML files (collections schema 3.0.0, {@code *.environment.yaml}) read into the
 * same trees as Postman's JSON. Parse errors name the line, never the text: these files may hold
 * credentials, and SnakeYAML's own messages quote them.
 */
public final class PostmanYaml {
  /** Thread-safe once built; SnakeYAML's limits on aliases and document size stay on. */
  static final YAMLMapper MAPPER =
      YAMLMapper.builder(
              YAMLFactory.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build())
          .build();

  private PostmanYaml() {}

  /** Whether a file is YAML by its name ({@code .yaml} or {@code .yml}). */
  public static boolean isYaml(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml");
  }

  /** Reads one YAML document; an empty file is an empty object's absence (null). */
  static JsonNode read(Path file, String what) {
    try (InputStream in = Files.newInputStream(file)) {
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw readError(what, e);
    }
  }

  /**
   * A streaming parser over one YAML file, whose token locations carry the file's lines; errors go
   * through {@link #readError}.
   */
  public static JsonParser parser(InputStream in) throws IOException {
    return MAPPER.createParser(in);
  }

  /** Like {@link PostmanJson#readError}, saying YAML. */
  public static UserFacingException readError(String what, IOException e) {
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException parse) {
      var at = parse.getLocation();
      String where = at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ")";
      return UserFacingException.usage(
          what
              + " is not valid YAML"
              + where
              + ": check the file, or export it again from Postman");
    }
    return PostmanJson.readError(what, e);
  }
}
