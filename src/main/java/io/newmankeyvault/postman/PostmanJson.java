package io.newmankeyvault.postman;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.newmankeyvault.UserFacingException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * The one Jackson configuration for Postman files, and error messages about them that never
 * quote the file: they may hold credentials.
 */
public final class PostmanJson {
  /** Shared: Jackson mappers are thread-safe once configured. */
  public static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  // Jackson would otherwise quote the file's text in error locations.
                  .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                  .build())
          .build();

  private PostmanJson() {}

  /**
   * A user-facing error for a failed read of a Postman file. Jackson's own message is dropped: it
   * quotes the tokens it could not parse.
   */
  public static UserFacingException readError(String what, IOException e) {
    if (e instanceof NoSuchFileException) {
      return UserFacingException.usage("cannot read " + what + ": no such file");
    }
    if (e instanceof AccessDeniedException) {
      return UserFacingException.usage("cannot read " + what + ": permission denied");
    }
    if (e instanceof JsonProcessingException json) {
      JsonLocation at = json.getLocation();
      String where =
          at == null || at.getLineNr() < 0
              ? ""
              : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      return UserFacingException.usage(
          what + " is not valid JSON" + where + ": export it again from Postman");
    }
    return UserFacingException.usage(
        "cannot read " + what + ": " + e.getClass().getSimpleName());
  }
}
