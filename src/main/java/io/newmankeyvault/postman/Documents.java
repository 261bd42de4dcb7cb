package io.newmankeyvault.postman;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.network.Proxies;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Where a command's collections and environments come from: files as they are, or the Postman API,
 * which needs the key (checked once, when made, naming the first document to download).
 * Thread-safe: a collection and an environment may be fetched at once.
 */
public final class Documents {
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
    if (firstRemote == null) {
      api = null;
    } else {
      PostmanApiKey.require(key, firstRemote.kind() + " " + firstRemote.ref());
      api = new PostmanApi(apiUrl, key, proxies, notices, retries, version);
    }
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
