package io.newmankeyvault.postman;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.newmankeyvault.base.UserFacingException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Error messages about Postman files that never quote the file: it may hold credentials. */
public final class PostmanJson {
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
    return UserFacingException.usage("cannot read " + what + ": " + e.getClass().getSimpleName());
  }
}
