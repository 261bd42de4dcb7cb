package io.newmankeyvault.postman;

import io.newmankeyvault.base.UrlText;
import io.newmankeyvault.base.UserFacingException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code --collection} and {@code --environment} name: a local file, or a Postman id or uid
 * ({@code {owner}-{uuid}}) to download, given alone or as its Postman API URL ({@code
 * https://api.getpostman.com/collections/ID?apikey=...}, what {@code newman run} takes). An
 * existing file wins over an id of the same text. Its {@code toString} never shows a URL's user
 * part, query or fragment.
 *
 * @param file the file, or null when this names a Postman document
 * @param id the Postman id or uid, or null when this names a file or a URL that holds none
 * @param url the URL the document was given as, or null
 */
public record PostmanRef(Path file, String id, Url url) {
  private static final Pattern ID =
      Pattern.compile(
          "([0-9]{1,20}-)?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** {@code [BASE-PATH]/collections/ID} or {@code [BASE-PATH]/environments/ID}. */
  private static final Pattern DOCUMENT_PATH =
      Pattern.compile("(.*?)/(collection|environment)s/([^/]+)/?");

  /**
   * A file when one exists at that path; else a URL when the text is one ({@code scheme://...});
   * else an id when it reads as one; else a file (which will be missing). A URL is checked later,
   * by {@link Documents}, which knows the option and the API it must name.
   */
  public static PostmanRef parse(String text) {
    Path path;
    try {
      path = Path.of(text);
    } catch (InvalidPathException e) {
      path = null; // not a path on this system (a URL on Windows): the message would quote it
    }
    if (path != null && Files.exists(path)) {
      return new PostmanRef(path, null, null);
    }
    Optional<UrlText> url = UrlText.parse(text);
    if (url.isPresent()) {
      Url parsed = Url.of(url.get());
      return new PostmanRef(null, parsed.id(), parsed);
    }
    if (path == null) {
      throw UserFacingException.usage(
          "a --collection or --environment is neither a file path nor a Postman id or URL");
    }
    if (ID.matcher(text).matches()) {
      return new PostmanRef(null, text, null);
    }
    return new PostmanRef(path, null, null);
  }

  /** Whether this is downloaded from the Postman API (an id or a URL), not read from a file. */
  public boolean isRemote() {
    return file == null;
  }

  @Override
  public String toString() {
    if (file != null) {
      return file.toString();
    }
    return id != null ? id : url.text().origin();
  }

  /**
   * A document given as a URL, split into what the tool uses (the document's kind and id, the API
   * it names) and what it only protects (the user part, the query, the fragment).
   *
   * @param text the URL's parts
   * @param kind "collection" or "environment" as the path names it, or null when it names neither
   * @param id the id in the path when it reads as a Postman id, else null
   * @param basePath the path before {@code /collections/} or {@code /environments/}
   */
  public record Url(UrlText text, String kind, String id, String basePath) {
    /** The names, once normalized, under which a query carries the Postman API key. */
    private static final List<String> API_KEY_NAMES = List.of("apikey", "xapikey");

    static Url of(UrlText text) {
      Matcher document = DOCUMENT_PATH.matcher(text.path());
      if (!document.matches()) {
        return new Url(text, null, null, text.path());
      }
      String id = document.group(3);
      return new Url(
          text, document.group(2), ID.matcher(id).matches() ? id : null, document.group(1));
    }

    /** The Postman API keys in the query or fragment ({@code apikey=}, any spelling), decoded. */
    public List<String> apiKeys() {
      return text.parameters().stream()
          .filter(p -> p.value() != null && API_KEY_NAMES.contains(p.normalizedName()))
          .map(UrlText.Parameter::value)
          .filter(value -> !value.isBlank())
          .distinct()
          .toList();
    }

    /**
     * Whether it carries credentials that are no API key: a user part, another parameter named like
     * one ({@code access_key=}), or a bare parameter.
     */
    public boolean hasOtherCredentials() {
      return text.userInfo() != null
          || text.parameters().stream()
              .anyMatch(
                  p ->
                      !API_KEY_NAMES.contains(p.normalizedName())
                          && (p.rawValue() == null || p.isCredential()));
    }
  }
}
