package io.newmankeyvault.postman;

import io.newmankeyvault.base.UserFacingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Postman API key. Its {@code toString} never shows it; it goes on the wire only as the {@code
 * X-Api-Key} header. Callers add {@link #value()} to the run's protected values as soon as it is
 * read.
 */
public final class PostmanApiKey {
  /** The environment variable that carries the key. */
  public static final String VARIABLE = "POSTMAN_API_KEY";

  private final String value;

  private PostmanApiKey(String value) {
    this.value = value;
  }

  /** The key itself: for the header and the protected values only. */
  public String value() {
    return value;
  }

  /**
   * The key from {@code --postman-api-key-file} when given, else from {@code POSTMAN_API_KEY}; null
   * when neither is set. Surrounding whitespace (a trailing newline) is not part of a key.
   */
  public static PostmanApiKey find(Path keyFile, Map<String, String> environment) {
    if (keyFile != null) {
      String text;
      try {
        text = Files.readString(keyFile, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw UserFacingException.usage(
            "cannot read --postman-api-key-file " + keyFile + ": no such file");
      } catch (IOException e) {
        throw UserFacingException.usage(
            "cannot read --postman-api-key-file " + keyFile + ": " + e.getClass().getSimpleName());
      }
      return of(text, "--postman-api-key-file " + keyFile);
    }
    String fromEnvironment = environment.get(VARIABLE);
    return fromEnvironment == null || fromEnvironment.isBlank()
        ? null
        : of(fromEnvironment, VARIABLE);
  }

  /**
   * The key, when a document must be downloaded; a usage error naming the document when there is
   * none.
   */
  public static PostmanApiKey require(PostmanApiKey key, String document) {
    if (key == null) {
      throw UserFacingException.usage(
          document
              + " is not a file, so it is downloaded from Postman: set POSTMAN_API_KEY (or"
              + " --postman-api-key-file), or pass a file");
    }
    return key;
  }

  /**
   * The key a document's URL carries ({@code ?apikey=}), for when neither {@code POSTMAN_API_KEY}
   * nor {@code --postman-api-key-file} gives one; {@code where} names the URL's option.
   */
  static PostmanApiKey fromUrl(String value, String where) {
    return of(value, where);
  }

  private static PostmanApiKey of(String text, String where) {
    String key = text.strip();
    if (key.isEmpty() || key.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      // Never say which character: that would echo part of the key.
      throw UserFacingException.usage(
          where + " does not hold one Postman API key (one line of printable characters)");
    }
    return new PostmanApiKey(key);
  }

  @Override
  public String toString() {
    return "PostmanApiKey[***]";
  }
}
