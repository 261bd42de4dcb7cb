package io.newmankeyvault.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.postman.CollectionFile;
import io.newmankeyvault.postman.CollectionScan;
import io.newmankeyvault.postman.Documents;
import io.newmankeyvault.postman.EnvironmentFile;
import io.newmankeyvault.postman.PostmanApiKey;
import io.newmankeyvault.postman.PostmanRef;
import io.newmankeyvault.postman.RetryPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * What a run works on: the collection (scanned), the environment (a tree), from files or the
 * Postman API, and the globals (a tree from a file, or null).
 */
record Inputs(CollectionScan collection, ObjectNode environment, ObjectNode globals) {
  /**
   * Reads or downloads both documents, the environment beside the collection; the errors of both
   * are reported together.
   */
  static Inputs fetch(
      RunOptions options,
      PostmanApiKey key,
      Path downloadTarget,
      Consumer<String> notices,
      RetryPolicy postmanRetries,
      String version) {
    PostmanRef collectionRef = options.documents().collection();
    PostmanRef environmentRef = options.documents().environment();
    Documents documents =
        new Documents(
            Documents.Named.of(
                List.of(collectionRef),
                environmentRef == null ? List.of() : List.of(environmentRef)),
            key,
            options.documents().postmanApiUrl(),
            options.network().proxies(),
            notices,
            postmanRetries,
            version);

    // The environment comes beside the collection; errors of both are reported together.
    CompletableFuture<ObjectNode> environmentFuture =
        CompletableFuture.supplyAsync(
            () ->
                environmentRef == null
                    ? EnvironmentFile.empty()
                    : documents.environment(environmentRef));
    List<UserFacingException> errors = new ArrayList<>();
    CollectionScan collection = null;
    try {
      collection = CollectionFile.scan(documents.collection(collectionRef, downloadTarget));
    } catch (UserFacingException e) {
      errors.add(e);
    }
    ObjectNode globals = null;
    if (options.documents().globals() != null) {
      try {
        globals = EnvironmentFile.loadGlobals(options.documents().globals());
      } catch (UserFacingException e) {
        errors.add(e);
      }
    }
    ObjectNode environmentTree = null;
    try {
      environmentTree = environmentFuture.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof UserFacingException failure) {
        errors.add(failure);
      } else {
        throw e;
      }
    }
    if (errors.size() == 1) {
      throw errors.get(0);
    }
    if (errors.size() > 1) {
      throw new UserFacingException(
          errors.stream()
              .map(UserFacingException::kind)
              .max(Comparator.naturalOrder())
              .orElseThrow(),
          String.join("\n", errors.stream().map(UserFacingException::getMessage).toList()));
    }
    return new Inputs(collection, environmentTree, globals);
  }
}
