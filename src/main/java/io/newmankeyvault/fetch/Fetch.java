package io.newmankeyvault.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import io.newmankeyvault.audit.Cleartext;
import io.newmankeyvault.base.ExitCode;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.base.PrivateDirectory;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.network.Proxies;
import io.newmankeyvault.postman.CollectionFile;
import io.newmankeyvault.postman.Documents;
import io.newmankeyvault.postman.EnvironmentFile;
import io.newmankeyvault.postman.PostmanApi;
import io.newmankeyvault.postman.PostmanApiKey;
import io.newmankeyvault.postman.PostmanRef;
import io.newmankeyvault.postman.PostmanYaml;
import io.newmankeyvault.postman.RetryPolicy;
import io.newmankeyvault.postman.V3Collection;
import io.newmankeyvault.redact.Output;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code newman-keyvault fetch}: downloads (or copies) a collection and an environment once, for
 * the legs of a CI matrix to run from files: references stay references, nothing is resolved. The
 * documents are audited on the way, and documents holding credentials in clear are refused unless
 * allowed; they are written only once the audit passed. A document downloaded before into the same
 * directory is asked for with its ETag ({@code If-None-Match}, kept in {@link FetchState}) and not
 * downloaded again when the API answers 304.
 */
public final class Fetch {
  /**
   * What to fetch and where to.
   *
   * @param collection the collection: a file or a Postman id
   * @param environment the environment, or null
   * @param postmanApiUrl the Postman API's base URL
   * @param postmanApiKeyFile the key's file, or null for POSTMAN_API_KEY
   * @param proxies the proxies of the environment
   * @param outputDir where collection.json and environment.json are written
   * @param allowFindings write documents with credentials in clear all the same
   */
  public record Options(
      PostmanRef collection,
      PostmanRef environment,
      URI postmanApiUrl,
      Path postmanApiKeyFile,
      Proxies proxies,
      Path outputDir,
      boolean allowFindings) {
    public Options {
      if (collection == null) {
        throw UserFacingException.usage(
            "--collection is missing: pass a collection file or Postman id (or set"
                + " NKV_COLLECTION)");
      }
      if (outputDir == null) {
        throw UserFacingException.usage(
            "--output-dir is missing: name the directory the documents are written to");
      }
    }
  }

  private final Output output;
  private final Map<String, String> environment;
  private final RetryPolicy retries;
  private final String version;

  public Fetch(
      Output output, Map<String, String> environment, RetryPolicy retries, String version) {
    this.output = output;
    this.environment = environment;
    this.retries = retries;
    this.version = version;
  }

  /** Fetches, audits and writes; returns the exit code (1 when refused for findings). */
  public int run(Options options) {
    PostmanApiKey key = PostmanApiKey.find(options.postmanApiKeyFile(), environment);
    if (key != null) {
      output.protectedValues().add(key.value());
    }
    Documents documents =
        new Documents(
            Documents.Named.of(
                List.of(options.collection()),
                options.environment() == null ? List.of() : List.of(options.environment())),
            key,
            options.postmanApiUrl(),
            options.proxies(),
            output::notice,
            retries,
            version);
    FetchState state = FetchState.read(options.outputDir());
    try (PrivateDirectory directory = PrivateDirectory.createFor(environment)) {
      Documents.Named collectionDoc = new Documents.Named("collection", options.collection());
      Path collection =
          obtain(documents, collectionDoc, directory.path(), options.outputDir(), state);
      Path environmentFile =
          options.environment() == null
              ? null
              : obtain(
                  documents,
                  new Documents.Named("environment", options.environment()),
                  directory.path(),
                  options.outputDir(),
                  state);
      List<String> findings =
          Cleartext.highFindings(
              collection,
              uri(options.collection(), "collections"),
              environmentFile,
              options.environment() == null ? null : uri(options.environment(), "environments"));
      if (!findings.isEmpty() && !options.allowFindings()) {
        output.error(
            "not written: the documents hold "
                + findings.size()
                + (findings.size() == 1 ? " credential" : " credentials")
                + " in clear (move them to Key Vault, or pass --allow-findings):\n"
                + String.join("\n", findings));
        return ExitCode.TESTS_FAILED;
      }
      List<Path> written = new ArrayList<>();
      Files.createDirectories(options.outputDir());
      written.add(place(collection, options.outputDir().resolve("collection.json")));
      if (environmentFile != null) {
        written.add(place(environmentFile, options.outputDir().resolve("environment.json")));
      }
      state.write(options.outputDir());
      written.forEach(path -> output.print(path + "\n"));
      return ExitCode.OK;
    } catch (IOException e) {
      throw UserFacingException.usage(
          "cannot write to --output-dir "
              + options.outputDir()
              + " ("
              + e.getClass().getSimpleName()
              + "): check that it is a writable directory");
    }
  }

  /**
   * The document's file, ready to audit and place: downloaded into {@code work} (unless the copy in
   * {@code outputDir} is still current: then that copy), or the user's file copied.
   */
  private Path obtain(
      Documents documents, Documents.Named document, Path work, Path outputDir, FetchState state)
      throws IOException {
    Path target = work.resolve(document.kind() + ".json");
    PostmanRef ref = document.ref();
    if (!ref.isRemote()) {
      if (V3Collection.isV3(ref.file()) || PostmanYaml.isYaml(ref.file())) {
        // The Postman API serves v2.1 JSON only; a v3 document is in the repository already.
        throw UserFacingException.usage(
            ref.file()
                + " is a Postman v12 (v3) "
                + document.kind()
                + ", which is in your repository already: give it to each leg's run as it is"
                + " (fetch downloads from the Postman API, which serves v2.1 JSON)");
      }
      // Checked first: a missing, malformed or mistaken file is exit 2 naming it.
      if (document.kind().equals("environment")) {
        documents.environment(ref);
      } else {
        CollectionFile.scan(ref.file());
      }
      return Files.copy(ref.file(), target);
    }
    Path previous = outputDir.resolve(document.kind() + ".json");
    String etag = Files.isRegularFile(previous) ? state.etag(document.kind(), ref.id()) : null;
    PostmanApi.Download download = documents.download(document, target, etag);
    if (download.unchanged()) {
      output.notice(
          document.kind()
              + " "
              + ref.id()
              + " is unchanged since the last fetch (304 Not Modified): not downloaded again");
      return previous;
    }
    state.remember(document.kind(), ref.id(), download.etag());
    if (document.kind().equals("environment")) {
      // Written unwrapped, as an exported environment: the API answers {"environment": {...}}.
      JsonNode tree =
          EnvironmentFile.check(
              EnvironmentFile.unwrap(Json.MAPPER.readTree(target.toFile())),
              "environment " + ref.id() + " from the Postman API");
      Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), tree);
    }
    return target;
  }

  /** Moves a fresh file into place; a current copy already in place stays. */
  private static Path place(Path file, Path to) throws IOException {
    return file.equals(to) ? to : move(file, to);
  }

  private static Path move(Path from, Path to) throws IOException {
    return Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String uri(PostmanRef ref, String kind) {
    return ref.isRemote() ? "postman://" + kind + "/" + ref.id() : ref.file().toString();
  }
}
