package io.newmankeyvault.postman;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What {@code --collection} and {@code --environment} name: a local file, or a Postman id or uid
 * ({@code {owner}-{uuid}}) to download. An existing file wins over an id of the same text.
 *
 * @param file the file, or null when this names a Postman id
 * @param id the Postman id or uid, or null when this names a file
 */
public record PostmanRef(Path file, String id) {
  private static final Pattern ID =
      Pattern.compile(
          "([0-9]{1,20}-)?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** A file when one exists at that path or the text is no Postman id; else the id. */
  public static PostmanRef parse(String text) {
    Path path = Path.of(text);
    if (!Files.exists(path) && ID.matcher(text).matches()) {
      return new PostmanRef(null, text);
    }
    return new PostmanRef(path, null);
  }

  public boolean isRemote() {
    return id != null;
  }

  @Override
  public String toString() {
    return isRemote() ? id : file.toString();
  }
}
