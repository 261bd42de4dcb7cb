package io.newmankeyvault.base;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The project's one Jackson configuration. */
public final class Json {
  /**
   * Shared: Jackson mappers are thread-safe once configured. Parse errors never quote the text: the
   * files read here may hold credentials.
   */
  public static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  // Jackson would otherwise quote the file's text in error locations.
                  .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                  .build())
          .build();

  private Json() {}
}
