package io.newmankeyvault.postman;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.network.Proxies;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Where a command's collections and environments come from: files as they are, or the Postman API,
 * which needs the key (checked once, when made, naming the first document to download). A document
 * given as its Postman API URL is checked here, and its {@code apikey} used when no other key is
 * given. Thread-safe: a collection and an environment may be fetched at once.
 */
public final class Documents {
  /** The Postman API hosts that are one API under two names. */
  private static final Set<String> PUBLIC_API_HOSTS =
      Set.of("api.getpostman.com", "api.postman.com");

  private final PostmanApi api; // null when nothing is downloaded

  /**
   * @param refs every document the command will ask for
   * @param key the Postman API key, or null when there is none
   * @param apiUrl the Postman API's base URL
   * @param proxies the proxies the API is reached through
   * @param notices where retry notices go
   * @param retries how API calls are retried
   * @param version the tool's version, for the User-Agent
   */
  public Documents(
      List<Named> refs,
      PostmanApiKey key,
      URI apiUrl,
      Proxies proxies,
      Consumer<String> notices,
      RetryPolicy retries,
      String version) {
    Named firstRemote =
        refs.stream().filter(named -> named.ref().isRemote()).findFirst().orElse(null);
    refs.stream()
        .filter(named -> named.ref().url() != null)
        .forEach(named -> checkUrl(named, apiUrl));
    PostmanApiKey chosen = chooseKey(refs, key, notices);
    if (firstRemote == null) {
      api = null;
    } else {
      PostmanApiKey.require(chosen, firstRemote.kind() + " " + firstRemote.ref());
      api = new PostmanApi(apiUrl, chosen, proxies, notices, retries, version);
    }
  }

  /**
   * A document given as a URL must name a document of its kind at the API the run uses (the key is
   * sent there only). Messages show the URL's scheme and host, never its user part or query.
   */
  private static void checkUrl(Named named, URI apiUrl) {
    PostmanRef.Url url = named.ref().url();
    String kind = named.kind();
    String shown = url.text().origin();
    boolean web =
        url.text().scheme().equalsIgnoreCase("https")
            || url.text().scheme().equalsIgnoreCase("http");
    if (!web || url.kind() == null || url.id() == null) {
      throw UserFacingException.usage(
          kind
              + " "
              + shown
              + " is a URL but not a "
              + kind
              + " of the Postman API (.../"
              + kind
              + "s/ID): download it and pass the file, or pass the "
              + kind
              + "'s Postman id");
    }
    if (!url.kind().equals(kind)) {
      throw UserFacingException.usage(
          "the --"
              + kind
              + " URL names a Postman "
              + url.kind()
              + ", not a "
              + kind
              + ": pass it with --"
              + url.kind());
    }
    if (!sameApi(url, apiUrl)) {
      throw UserFacingException.usage(
          "the "
              + kind
              + " URL names the Postman API at "
              + shown
              + " but the run uses "
              + origin(apiUrl.getScheme(), apiUrl.getRawAuthority())
              + ": pass --postman-api-url (POSTMAN_API_URL) for that API, or the id alone");
    }
  }

  private static boolean sameApi(PostmanRef.Url url, URI apiUrl) {
    String urlPath = url.basePath().replaceAll("/+$", "");
    String apiPath = apiUrl.getRawPath() == null ? "" : apiUrl.getRawPath().replaceAll("/+$", "");
    String urlOrigin = origin(url.text().scheme(), url.text().hostPort());
    String apiOrigin = origin(apiUrl.getScheme(), apiUrl.getRawAuthority());
    if (urlOrigin.equals(apiOrigin) && urlPath.equals(apiPath)) {
      return true;
    }
    return urlPath.isEmpty()
        && apiPath.isEmpty()
        && urlOrigin.startsWith("https://")
        && apiOrigin.startsWith("https://")
        && PUBLIC_API_HOSTS.contains(urlOrigin.substring("https://".length()))
        && PUBLIC_API_HOSTS.contains(apiOrigin.substring("https://".length()));
  }

  /** {@code scheme://host[:port]}, lower case, without the scheme's default port. */
  private static String origin(String scheme, String hostPort) {
    String s = scheme.toLowerCase(Locale.ROOT);
    String h = hostPort.toLowerCase(Locale.ROOT);
    if ((s.equals("https") && h.endsWith(":443")) || (s.equals("http") && h.endsWith(":80"))) {
      h = h.substring(0, h.lastIndexOf(':'));
    }
    return s + "://" + h;
  }

  /**
   * The key to download with: {@code POSTMAN_API_KEY} or {@code --postman-api-key-file} when given
   * (the channel the tool asks for), else the one key the documents' URLs carry ({@code ?apikey=},
   * which the command layer protected when it read the option). Each URL credential gets a one-line
   * warning that never holds it.
   */
  private static PostmanApiKey chooseKey(
      List<Named> refs, PostmanApiKey key, Consumer<String> notices) {
    List<String> urlKeys = new ArrayList<>();
    Named carrier = null;
    for (Named named : refs) {
      PostmanRef.Url url = named.ref().url();
      if (url == null) {
        continue;
      }
      if (!url.apiKeys().isEmpty() && carrier == null) {
        carrier = named;
      }
      url.apiKeys().stream().filter(k -> !urlKeys.contains(k)).forEach(urlKeys::add);
      if (url.hasOtherCredentials()) {
        notices.accept(
            "warning: the "
                + named.kind()
                + " URL carries credentials that are not used (a user:password@ part, or a"
                + " parameter such as access_key=); they are masked: pass the Postman API key"
                + " through POSTMAN_API_KEY");
      }
    }
    if (urlKeys.isEmpty()) {
      return key;
    }
    if (key != null) {
      notices.accept(
          "warning: the "
              + carrier.kind()
              + " URL carries a Postman API key (apikey=) that is not used: the key from"
              + " POSTMAN_API_KEY or --postman-api-key-file is; remove the key from the URL");
      return key;
    }
    if (urlKeys.size() > 1) {
      throw UserFacingException.usage(
          "the documents' URLs carry different Postman API keys (apikey=): pass the one key"
              + " through POSTMAN_API_KEY instead");
    }
    notices.accept(
        "warning: the "
            + carrier.kind()
            + " URL carries the Postman API key (apikey=): it is used, sent only in the"
            + " X-Api-Key header, and masked, but a key in a URL ends up in shell history, logs"
            + " and process lists: pass it through POSTMAN_API_KEY instead");
    return PostmanApiKey.fromUrl(urlKeys.get(0), "the " + carrier.kind() + " URL's apikey");
  }

  /** A document a command asks for, with its kind ("collection" or "environment"), for messages. */
  public record Named(String kind, PostmanRef ref) {
    /** The collections, then the environments. */
    public static List<Named> of(List<PostmanRef> collections, List<PostmanRef> environments) {
      return Stream.concat(
              collections.stream().map(ref -> new Named("collection", ref)),
              environments.stream().map(ref -> new Named("environment", ref)))
          .toList();
    }
  }

  /**
   * A conditional download of a remote document to {@code target} (see {@link
   * PostmanApi#download}): {@code etag} from the last download, or null.
   */
  public PostmanApi.Download download(Named document, Path target, String etag) {
    return api.download(document.kind(), document.ref().id(), target, etag);
  }

  /** The collection's file: the user's own, or {@code downloadTo} with the API's answer. */
  public Path collection(PostmanRef ref, Path downloadTo) {
    return ref.isRemote() ? api.downloadCollection(ref.id(), downloadTo) : ref.file();
  }

  /** The environment, read from its file or downloaded, in the shape the tool works on. */
  public ObjectNode environment(PostmanRef ref) {
    return ref.isRemote() ? api.downloadEnvironment(ref.id()) : EnvironmentFile.load(ref.file());
  }
}
